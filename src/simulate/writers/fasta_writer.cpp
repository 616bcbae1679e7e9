#include "simulate/writers/fasta_writer.h"

#include <fcntl.h>
#include <unistd.h>

namespace zenome::simulate {

int64_t FastaHeaderBytes(const std::string& name) {
  return static_cast<int64_t>(name.size()) + 2;
}

int64_t FastaRecordBytes(const std::string& name, int64_t length) {
  int64_t lines = (length + kFastaLineWidth - 1) / kFastaLineWidth;
  return FastaHeaderBytes(name) + length + lines;
}

Result<std::unique_ptr<FastaWriter>> FastaWriter::Create(const std::string& path,
                                                         std::vector<Record> records) {
  std::unique_ptr<FastaWriter> writer(new FastaWriter());
  ZENOME_ASSIGN_OR_RETURN(writer->file_, AtomicTextFile::Create(path));
  int64_t bytes = 0;
  for (const Record& record : records) {
    writer->offsets_.push_back(bytes);
    bytes += FastaRecordBytes(record.name, record.length);
  }
  writer->records_ = std::move(records);
  return writer;
}

Status FastaWriter::WriteRecord(size_t index, const std::string& bases) const {
  if (index >= records_.size())
    return Status::Internal(path() + ": no FASTA record " + std::to_string(index));
  const Record& record = records_[index];
  if (static_cast<int64_t>(bases.size()) != record.length) {
    return Status::Internal(path() + ": " + record.name + " has " + std::to_string(bases.size()) +
                            " bases, the layout expects " + std::to_string(record.length));
  }
  // The temporary file is open for the whole run; each record gets its own descriptor for pwrite.
  int fd = open(file_->temp_path().c_str(), O_WRONLY);
  if (fd < 0) return Status::Io(path() + ": cannot open for writing");
  int64_t offset = offsets_[index];
  std::string buffer;
  buffer.reserve(1 << 20);
  auto flush = [&]() -> Status {
    size_t done = 0;
    while (done < buffer.size()) {
      ssize_t n = pwrite(fd, buffer.data() + done, buffer.size() - done, static_cast<off_t>(offset));
      if (n <= 0) return Status::Io(path() + ": write failed (disk full?)");
      done += static_cast<size_t>(n);
      offset += n;
    }
    buffer.clear();
    return Status::Ok();
  };
  Status written = Status::Ok();
  buffer += '>';
  buffer += record.name;
  buffer += '\n';
  for (size_t i = 0; i < bases.size() && written.ok(); i += kFastaLineWidth) {
    buffer.append(bases, i, kFastaLineWidth);
    buffer += '\n';
    if (buffer.size() >= (1 << 20) - 128) written = flush();
  }
  if (written.ok()) written = flush();
  if (close(fd) != 0 && written.ok()) written = Status::Io(path() + ": write failed");
  return written;
}

std::string FastaWriter::FaiText() const {
  std::string fai;
  for (size_t i = 0; i < records_.size(); ++i) {
    const Record& record = records_[i];
    fai += record.name + "\t" + std::to_string(record.length) + "\t" +
           std::to_string(offsets_[i] + FastaHeaderBytes(record.name)) + "\t" +
           std::to_string(kFastaLineWidth) + "\t" + std::to_string(kFastaLineWidth + 1) + "\n";
  }
  return fai;
}

Status FastaWriter::Finish() {
  ZENOME_RETURN_IF_ERROR(file_->Finish());
  return WriteFileAtomically(path() + ".fai", FaiText());
}

}  // namespace zenome::simulate
