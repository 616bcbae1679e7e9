#include "core/vcf_writer.h"

#include "core/atomic_file.h"

#include <htslib/hts.h>
#include <htslib/vcf.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "zenome/version.h"

namespace zenome {

namespace {
std::string ModeFor(VcfOutputType type, int level) {
  switch (type) {
    case VcfOutputType::kVcf: return "w";
    case VcfOutputType::kVcfGz: return "wz" + std::to_string(level);
    case VcfOutputType::kBcf: return "wb" + std::to_string(level);
    case VcfOutputType::kBcfUncompressed: return "wbu";
  }
  return "w";
}

std::string IndexSuffix(VcfOutputType type) {
  return type == VcfOutputType::kVcfGz ? ".tbi" : ".csi";
}
}  // namespace

Result<VcfOutputSpec> ParseVcfOutputType(std::string_view text) {
  VcfOutputSpec spec;
  std::string_view letter = text.substr(0, 1);
  if (letter == "v") {
    spec.type = VcfOutputType::kVcf;
  } else if (letter == "z") {
    spec.type = VcfOutputType::kVcfGz;
  } else if (letter == "b") {
    spec.type = VcfOutputType::kBcf;
  } else if (letter == "u") {
    spec.type = VcfOutputType::kBcfUncompressed;
  } else {
    return Status::Usage("output type '" + std::string(text) +
                         "': expected v (VCF), z (bgzipped VCF), b (BCF) or u (uncompressed BCF), "
                         "optionally followed by a compression level 0-9 (e.g. b1)");
  }
  if (text.size() == 2 && text[1] >= '0' && text[1] <= '9' && (letter == "z" || letter == "b")) {
    spec.compression_level = text[1] - '0';
  } else if (text.size() != 1) {
    return Status::Usage("output type '" + std::string(text) +
                         "': a compression level 0-9 may follow z or b only");
  }
  return spec;
}

VcfOutputType InferVcfOutputType(std::string_view path) {
  if (path.ends_with(".bcf")) return VcfOutputType::kBcf;
  if (path.ends_with(".vcf.gz") || path.ends_with(".vcf.bgz") || path.ends_with(".gz")) {
    return VcfOutputType::kVcfGz;
  }
  return VcfOutputType::kVcf;
}

void RemoveHeaderLines(bcf_hdr_t* header, const char* key) {
  int kept = 0;
  for (int i = 0; i < header->nhrec; ++i) {
    bcf_hrec_t* hrec = header->hrec[i];
    bool generic = hrec->type == BCF_HL_GEN || hrec->type == BCF_HL_STR;
    if (generic && std::strcmp(hrec->key, key) == 0) {
      bcf_hrec_destroy(hrec);
      header->dirty = 1;
    } else {
      header->hrec[kept++] = hrec;
    }
  }
  header->nhrec = kept;
}

struct VcfWriter::Handle {
  htsFile* file = nullptr;
};

VcfWriter::~VcfWriter() {
  if (closed_ || handle_ == nullptr) return;
  if (handle_->file != nullptr) hts_close(handle_->file);
  if (!temp_path_.empty()) {
    std::remove(temp_path_.c_str());
    std::remove((temp_path_ + IndexSuffix(options_.type)).c_str());
  }
}

Result<std::unique_ptr<VcfWriter>> VcfWriter::Open(const std::string& path, bcf_hdr_t* header,
                                                   const VcfWriterOptions& options) {
  std::unique_ptr<VcfWriter> writer(new VcfWriter());
  writer->handle_ = std::make_unique<Handle>();
  writer->header_ = header;
  writer->path_ = path;
  writer->options_ = options;
  bool to_stdout = path == "-";
  if (options.write_index && (to_stdout || options.type == VcfOutputType::kVcf)) {
    return Status::Usage("an index (-W) needs a bgzipped VCF or BCF output file, not " +
                         std::string(to_stdout ? "stdout" : "plain VCF"));
  }
  if (!to_stdout) {
    writer->temp_path_ = TemporaryPathFor(path);
  }
  const std::string& open_path = to_stdout ? path : writer->temp_path_;
  writer->handle_->file =
      hts_open(open_path.c_str(), ModeFor(options.type, options.compression_level).c_str());
  if (writer->handle_->file == nullptr) {
    return Status::Io(path + ": cannot create output file (" + std::strerror(errno) + ")");
  }
  if (options.thread_pool != nullptr && options.type != VcfOutputType::kVcf &&
      options.type != VcfOutputType::kBcfUncompressed) {
    htsThreadPool pool = {options.thread_pool, 0};
    hts_set_thread_pool(writer->handle_->file, &pool);
  }
  if (options.record_version) {
    RemoveHeaderLines(header, "zenome_version");
    RemoveHeaderLines(header, "zenome_command");
    std::string version_line = std::string("##zenome_version=") + kVersion;
    std::string command_line = "##zenome_command=" + options.command_line;
    if (bcf_hdr_append(header, version_line.c_str()) < 0 ||
        (!options.command_line.empty() && bcf_hdr_append(header, command_line.c_str()) < 0)) {
      return Status::Internal("cannot add ##zenome_ header lines");
    }
  }
  if (bcf_hdr_write(writer->handle_->file, header) < 0) {
    return Status::Io(path + ": cannot write the header");
  }
  if (options.write_index) {
    writer->index_temp_path_ = writer->temp_path_ + IndexSuffix(options.type);
    int min_shift = options.type == VcfOutputType::kVcfGz ? 0 : 14;
    if (bcf_idx_init(writer->handle_->file, header, min_shift, writer->index_temp_path_.c_str()) < 0) {
      return Status::Io(path + ": cannot start the index");
    }
  }
  writer->header_records_at_open_ = header->nhrec;
  return writer;
}

Status VcfWriter::Write(bcf1_t* record) {
  // A record that needed a header line declared after the header was written (an undeclared
  // tag accepted from the input) cannot be encoded consistently in BCF.
  if (header_->nhrec != header_records_at_open_ &&
      (options_.type == VcfOutputType::kBcf || options_.type == VcfOutputType::kBcfUncompressed)) {
    return Status::BadInput(path_ +
                            ": the input uses contigs or tags its header does not declare; "
                            "BCF output needs them declared (fix the header, or write VCF)");
  }
  if (bcf_write(handle_->file, header_, record) < 0) {
    return Status::Io(path_ + ": write failed (disk full?)");
  }
  ++records_;
  return Status::Ok();
}

Status VcfWriter::Close() {
  if (closed_) return Status::Ok();
  if (options_.write_index && bcf_idx_save(handle_->file) < 0) {
    return Status::Io(path_ + ": cannot write the index (is the output sorted?)");
  }
  int ret = hts_close(handle_->file);
  handle_->file = nullptr;
  if (ret < 0) return Status::Io(path_ + ": error closing the output (disk full?)");
  if (!temp_path_.empty()) {
    ZENOME_RETURN_IF_ERROR(MoveIntoPlace(temp_path_, path_));
    if (options_.write_index) {
      ZENOME_RETURN_IF_ERROR(
          MoveIntoPlace(temp_path_ + IndexSuffix(options_.type), path_ + IndexSuffix(options_.type)));
    }
  }
  closed_ = true;
  return Status::Ok();
}

}  // namespace zenome
