#include "kb/line_reader.h"

#include <htslib/bgzf.h>

#include <random>
#include <string>
#include <vector>

#include "core/text.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/test_support.h"

namespace zenome {
namespace {

using ::testing::HasSubstr;
using zenome::testing::TempDir;

void Write(const std::string& path, const std::string& text, const char* mode) {
  BGZF* fp = bgzf_open(path.c_str(), mode);
  ASSERT_NE(fp, nullptr);
  ASSERT_EQ(bgzf_write(fp, text.data(), text.size()), static_cast<ssize_t>(text.size()));
  ASSERT_EQ(bgzf_close(fp), 0);
}

// Lines of varied length, one longer than the reader's buffers, some with CRLF endings; more
// text than one decompressed hand-over chunk.
std::vector<std::string> MakeLines() {
  std::mt19937 rng(99);
  std::vector<std::string> lines;
  size_t total = 0;
  while (total < (size_t{12} << 20)) {
    std::string line(rng() % 300, 'x');
    for (char& c : line) c = static_cast<char>('a' + rng() % 26);
    if (lines.size() == 5000) line.assign(size_t{6} << 20, 'L');
    if (lines.size() == 7000) line.clear();
    total += line.size() + 1;
    lines.push_back(std::move(line));
  }
  return lines;
}

TEST(LineReaderTest, PlainGzipAndBgzipGiveTheSameLines) {
  const std::vector<std::string> lines = MakeLines();
  std::string text;
  for (size_t i = 0; i < lines.size(); ++i) text += lines[i] + (i % 3 == 0 ? "\r\n" : "\n");
  text.pop_back();  // no newline after the last line
  if (text.back() == '\r') text.pop_back();
  TempDir dir;
  for (const char* mode : {"wu", "w", "wg"}) {
    SCOPED_TRACE(mode);
    std::string path = dir.File(std::string("lines_") + mode[1]);
    Write(path, text, mode);
    auto reader = LineReader::Open(path);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    EXPECT_EQ((*reader)->compressed(), mode[1] != 'u');
    std::string_view line;
    size_t n = 0;
    for (;;) {
      Result<bool> more = (*reader)->Next(line);
      ASSERT_TRUE(more.ok()) << more.status().ToString();
      if (!*more) break;
      ASSERT_LT(n, lines.size());
      ASSERT_EQ(line, lines[n]) << "line " << n + 1;
      ++n;
      EXPECT_EQ((*reader)->line_number(), static_cast<int64_t>(n));
    }
    EXPECT_EQ(n, lines.size());
  }
}

TEST(LineReaderTest, TruncationIsReported) {
  const std::vector<std::string> lines = MakeLines();
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  TempDir dir;
  for (const char* mode : {"w", "wg"}) {
    SCOPED_TRACE(mode);
    std::string full = dir.File("full");
    Write(full, text, mode);
    std::string data = testing::ReadFile(full);
    std::string cut = dir.File("cut");
    testing::WriteFile(cut, data.substr(0, data.size() / 2));
    auto reader = LineReader::Open(cut);
    if (!reader.ok()) {  // a bgzip file cut at a block boundary fails at open
      EXPECT_THAT(reader.status().message(), HasSubstr("truncated"));
      continue;
    }
    std::string_view line;
    Status status;
    for (;;) {
      Result<bool> more = (*reader)->Next(line);
      if (!more.ok()) {
        status = more.status();
        break;
      }
      ASSERT_TRUE(*more) << "reached a clean end of a truncated file";
    }
    EXPECT_EQ(status.code(), ErrorCode::kIo);
    EXPECT_THAT(status.message(), HasSubstr("truncated"));
  }
}

TEST(LineReaderTest, StopsEarlyWithoutHanging) {
  // Abandoning a compressed reader mid-file must stop its background thread.
  const std::vector<std::string> lines = MakeLines();
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  TempDir dir;
  std::string path = dir.File("early.gz");
  Write(path, text, "wg");
  for (int i = 0; i < 5; ++i) {
    auto reader = LineReader::Open(path);
    ASSERT_TRUE(reader.ok());
    std::string_view line;
    for (int k = 0; k < 10 * i; ++k) ASSERT_TRUE(*(*reader)->Next(line));
  }
}

// A file without line breaks (binary, or hostile) is an error once a line passes kMaxLineBytes,
// not a buffer that grows with the file.
TEST(LineReaderTest, LineLongerThanTheBoundIsAnError) {
  TempDir dir;
  const std::string path = dir.File("one_line.gff3");
  Write(path, "##gff-version 3\n" + std::string(kMaxLineBytes + 10, 'A') + "\n", "wu");
  auto reader = ValueOrThrow(LineReader::Open(path));
  std::string_view line;
  ASSERT_TRUE(ValueOrThrow(reader->Next(line)));
  Result<bool> next = reader->Next(line);
  ASSERT_FALSE(next.ok());
  EXPECT_EQ(next.status().code(), ErrorCode::kBadInput);
  EXPECT_EQ(next.status().message(),
            path + ":2: line: longer than 64 MiB without a line break (not a text file?)");
}

}  // namespace
}  // namespace zenome
