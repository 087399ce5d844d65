/// Renders a JUnit XML report: a test suite per file, a test case per unit, and a failure per
/// finding at or above the failing severity (lower ones go to the case's `system-out`).
public struct JUnitRenderer: Sendable {
  /// Findings at or above this severity are failures.
  public var failOn: Severity

  /// Creates a renderer that fails cases with findings at or above `failOn`.
  public init(failOn: Severity = .error) { self.failOn = failOn }

  /// The report as XML text, ending with a newline.
  public func render(_ documents: [Document]) -> String {
    var suites = ""
    var totalTests = 0
    var totalFailures = 0
    for document in documents {
      var cases = ""
      var tests = 0
      var failures = 0
      // Findings that belong to no unit are reported on a case for the whole file.
      let (byUnit, loose) = document.findingsByUnit()
      var groups: [(name: String, findings: [Finding])] = []
      if !loose.isEmpty { groups.append(("file", loose)) }
      for unit in document.units {
        let name = "unit \(unit.id) (\(document.lines(of: unit).lineDescription))"
        groups.append((name, byUnit[unit.id] ?? []))
      }
      for group in groups {
        tests += 1
        let failing = group.findings.filter { $0.severity >= failOn }
        let passing = group.findings.filter { $0.severity < failOn }
        failures += failing.isEmpty ? 0 : 1
        cases +=
          "    <testcase classname=\"\(Markup.attribute(document.file))\" name=\"\(Markup.attribute(group.name))\""
        if failing.isEmpty && passing.isEmpty {
          cases += "/>\n"
          continue
        }
        cases += ">\n"
        for finding in failing {
          cases +=
            "      <failure type=\"\(Markup.attribute(finding.rule))\" message=\"\(Markup.attribute(finding.message))\">"
          cases += Markup.escape(Self.describe(finding)) + "</failure>\n"
        }
        if !passing.isEmpty {
          cases += "      <system-out>"
          cases += Markup.escape(passing.map(Self.describe).joined(separator: "\n"))
          cases += "</system-out>\n"
        }
        cases += "    </testcase>\n"
      }
      totalTests += tests
      totalFailures += failures
      suites += "  <testsuite name=\"\(Markup.attribute(document.file))\" tests=\"\(tests)\" failures=\"\(failures)\""
      suites += " errors=\"0\" skipped=\"0\">\n" + cases + "  </testsuite>\n"
    }
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out += "<testsuites name=\"align\" tests=\"\(totalTests)\" failures=\"\(totalFailures)\" errors=\"0\">\n"
    out += suites + "</testsuites>\n"
    return out
  }

  private static func describe(_ finding: Finding) -> String {
    let range = finding.range
    return "\(range.file):\(range.start.line):\(range.start.column): \(finding.severity.rawValue): "
      + "\(finding.message) [\(finding.rule)]"
  }
}
