// Read GIFT text on stdin, print gift-pegjs's parse as JSON (or {"error": ...}) on stdout.
const parser = require("gift-pegjs");
let text = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { text += chunk; });
process.stdin.on("end", () => {
  try {
    process.stdout.write(JSON.stringify(parser.parse(text)));
  } catch (e) {
    process.stdout.write(JSON.stringify({ error: e.message, location: e.location }));
  }
});
