// reference.fa written record by record in any order, and its .fai: the layout is checked by hand
// and the index against the one htslib builds from the written file.
#include <gtest/gtest.h>
#include <htslib/faidx.h>

#include <filesystem>
#include <string>

#include "simulate/writers/fasta_writer.h"
#include "support/test_support.h"

namespace zenome::simulate {
namespace {

TEST(FastaWriter, RecordBytesCountHeaderBasesAndLineBreaks) {
  EXPECT_EQ(FastaHeaderBytes("chr1"), 6);               // ">chr1\n"
  EXPECT_EQ(FastaRecordBytes("c1", 120), 4 + 120 + 2);  // two full lines
  EXPECT_EQ(FastaRecordBytes("c1", 125), 4 + 125 + 3);  // 60 + 60 + 5
  EXPECT_EQ(FastaRecordBytes("c1", 0), 4);
}

TEST(FastaWriter, RecordsWrittenInAnyOrderLandInPlaceWithTheirIndex) {
  zenome::testing::TempDir dir;
  const std::string path = dir.File("reference.fa");
  const std::string a = std::string(30, 'A') + std::string(30, 'C') + "GGGGT";  // 65 bases
  const std::string b = std::string(60, 'T') + "AC";                            // 62 bases
  auto writer = FastaWriter::Create(path, {{"chrA", 65}, {"chrB", 62}});
  ASSERT_TRUE(writer.ok()) << writer.status().message();
  ASSERT_TRUE((*writer)->WriteRecord(1, b).ok());
  ASSERT_TRUE((*writer)->WriteRecord(0, a).ok());
  EXPECT_FALSE(std::filesystem::exists(path)) << "the FASTA appears only once complete";
  ASSERT_TRUE((*writer)->Finish().ok());

  EXPECT_EQ(zenome::testing::ReadFile(path), ">chrA\n" + a.substr(0, 60) + "\n" + a.substr(60) + "\n>chrB\n" +
                                                 b.substr(0, 60) + "\n" + b.substr(60) + "\n");
  // chrA's bases start after ">chrA\n" (6 bytes); chrB's record starts at 6 + 65 + 2 = 73 and its
  // bases at 73 + 6.
  const std::string fai = "chrA\t65\t6\t60\t61\nchrB\t62\t79\t60\t61\n";
  EXPECT_EQ(zenome::testing::ReadFile(path + ".fai"), fai);
  EXPECT_EQ((*writer)->FaiText(), fai);

  // htslib indexes the written file the same way.
  const std::string copy = dir.File("copy.fa");
  std::filesystem::copy_file(path, copy);
  ASSERT_EQ(fai_build(copy.c_str()), 0);
  EXPECT_EQ(zenome::testing::ReadFile(copy + ".fai"), fai);
}

TEST(FastaWriter, ASequenceOfTheWrongLengthIsAnInternalErrorNamingTheContig) {
  zenome::testing::TempDir dir;
  auto writer = FastaWriter::Create(dir.File("reference.fa"), {{"chrA", 10}});
  ASSERT_TRUE(writer.ok());
  Status status = (*writer)->WriteRecord(0, "ACGT");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), ErrorCode::kInternal);
  EXPECT_NE(status.message().find("chrA has 4 bases, the layout expects 10"), std::string::npos)
      << status.message();
  EXPECT_EQ((*writer)->WriteRecord(1, "ACGT").code(), ErrorCode::kInternal);
}

TEST(FastaWriter, AnUnfinishedWriterLeavesNoFile) {
  zenome::testing::TempDir dir;
  {
    auto writer = FastaWriter::Create(dir.File("reference.fa"), {{"chrA", 3}});
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->WriteRecord(0, "ACG").ok());
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

}  // namespace
}  // namespace zenome::simulate
