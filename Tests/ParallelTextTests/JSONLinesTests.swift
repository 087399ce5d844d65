import Foundation
import Testing

/// `align check --jsonl`: the contract for distributed engines, end to end on the built binary.
@Suite("JSON Lines")
struct JSONLinesTests {
  static func line(_ object: [String: Any]) -> String {
    String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
  }

  @Test("One result a line, in input order, with each document's findings; a bad line answers in place")
  func contract() throws {
    var input: [String] = []
    for index in 0..<300 {
      input.append(
        Self.line([
          "id": index,
          "files": ["en": "We stay in touch, \(index).", "zh-Hans": "我们保持联系，\(index)。", "zh-Hant": "我們保持聯系，\(index)。"],
        ]))
    }
    input.insert("{not json", at: 150)
    let run = try AlignRun(["check", "--jsonl"], input: Data((input.joined(separator: "\n") + "\n").utf8))
    #expect(run.status == 2)
    #expect(run.stderr == "-: line 151: not valid JSON\n")
    let lines = run.stdout.split(separator: "\n").map {
      try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
    }
    #expect(lines.count == 301)
    #expect(lines[150]["line"] as? Int == 151 && lines[150]["error"] as? String == "not valid JSON")
    let ids = lines.enumerated().filter { $0.offset != 150 }.map { $0.element["id"] as? Int }
    #expect(ids == (0..<300).map { $0 })
    let findings = (lines[0]["result"] as? [String: Any])?["findings"] as? [[String: Any]] ?? []
    #expect(findings.compactMap { $0["rule"] as? String } == ["wrong-character-choice"])
    #expect(findings.first?["file"] as? String == "zh-Hant")
  }

  @Test(
    "Each id comes back as the JSON value it was: strings as written, numbers digit for digit, objects with sorted keys"
  )
  func ids() throws {
    let ids = [
      #""docs/a.txt""#, #""聲明 \"1\"""#, "42", "-7", "2.5", "0.1", "18446744073709551615",
      "123456789012345678901234567890", "true", "null", #"["a",1]"#, #"{"b":1,"a":"x/y"}"#,
    ]
    let input = ids.map { #"{"id":\#($0),"text":"We stay in touch."}"# }.joined(separator: "\n") + "\n"
    let run = try AlignRun(["check", "--jsonl"], input: Data(input.utf8))
    #expect(run.status == 0, "\(run.stderr)")
    // Each output line is {"id":ID,"result":...}: the id as written, between the two.
    let written = run.stdout.split(separator: "\n").map { line in
      let id = line.dropFirst(#"{"id":"#.count)
      return String(id[..<(id.range(of: #","result":"#)?.lowerBound ?? id.endIndex)])
    }
    #expect(
      written == [
        #""docs/a.txt""#, #""聲明 \"1\"""#, "42", "-7", "2.5", "0.1", "18446744073709551615",
        "123456789012345678901234567890", "true", "null", #"["a",1]"#, #"{"a":"x/y","b":1}"#,
      ])
  }

  @Test("A document's result equals what align check --format json says of the same text")
  func sameAsFiles() throws {
    let text = try Fixtures.text("002")
    let run = try AlignRun(["check", "--jsonl"], input: Data((Self.line(["id": "002", "text": text]) + "\n").utf8))
    #expect(run.status == 1)
    let line = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
    let result = line?["result"] as? [String: Any]
    let direct = try AlignRun(["check", "--format", "json", "-"], input: Data(text.utf8)).json
    let rules = { (json: [String: Any]?) in
      (json?["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
    }
    #expect(rules(result) == rules(direct))
    #expect((result?["units"] as? [Any])?.count == (direct["units"] as? [Any])?.count)
  }

  @Test("--jsonl takes no file arguments")
  func noFiles() throws {
    #expect(try AlignRun(["check", "--jsonl", "x.txt"]).status == 2)
  }
}
