#include "core/sha256.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace zenome {
namespace {

// FIPS 180-2 test vectors.
TEST(Sha256, KnownVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, FilesAndMissingFiles) {
  testing::TempDir dir;
  std::string path = dir.File("abc.txt");
  // Larger than the 1 MiB read buffer, so the digest spans several reads.
  std::string content(3 * 1024 * 1024 + 7, 'x');
  testing::WriteFile(path, content);
  auto digest = Sha256OfFile(path);
  ASSERT_TRUE(digest.ok()) << digest.status().ToString();
  EXPECT_EQ(*digest, Sha256Hex(content));
  auto missing = Sha256OfFile(dir.File("nope"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(missing.status().message().find("nope"), std::string::npos);
}

}  // namespace
}  // namespace zenome
