import Foundation
import ParallelText
let data = try Data(contentsOf: URL(fileURLWithPath: CommandLine.arguments[1]))
for s in ScriptDetector().label(try Reader().read(bytes: data, file: CommandLine.arguments[1])) {
  print(s.id, s.kind, s.script, s.range, s.text.prefix(40))
}
