#include "store/layers/json_input.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <vector>

#include "core/utf8.h"

namespace zenome {

namespace {

using json = nlohmann::json;

// An input iterator over the text that counts how far nlohmann's lexer has read (it reads one byte
// at a time, without look-ahead), so problems the DOM builder raises are located too.
class CountingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  CountingIterator(const char* at, size_t* consumed) : at_(at), consumed_(consumed) {}
  reference operator*() const { return *at_; }
  CountingIterator& operator++() {
    ++at_;
    ++*consumed_;
    return *this;
  }
  CountingIterator operator++(int) {
    CountingIterator copy = *this;
    ++*this;
    return copy;
  }
  bool operator==(const CountingIterator& other) const { return at_ == other.at_; }
  bool operator!=(const CountingIterator& other) const { return at_ != other.at_; }

 private:
  const char* at_;
  size_t* consumed_;
};

// nlohmann's SAX events to a DOM, refusing to open a container deeper than the limit (so nothing
// deeper ever exists) and duplicate members (which nlohmann's own DOM silently overwrites).
class DomBuilder {
 public:
  DomBuilder(json& root, int max_depth, const size_t* consumed)
      : root_(root), max_depth_(max_depth), consumed_(consumed) {}

  bool null() { return Add(json(nullptr)); }
  bool boolean(bool value) { return Add(json(value)); }
  bool number_integer(json::number_integer_t value) { return Add(json(value)); }
  bool number_unsigned(json::number_unsigned_t value) { return Add(json(value)); }
  bool number_float(json::number_float_t value, const json::string_t& /*text*/) { return Add(json(value)); }
  bool string(json::string_t& value) { return Add(json(std::move(value))); }
  bool binary(json::binary_t& value) { return Add(json::binary(std::move(value))); }
  bool start_object(std::size_t /*size*/) { return Open(json::value_t::object); }
  bool start_array(std::size_t /*size*/) { return Open(json::value_t::array); }
  bool end_object() { return Close(); }
  bool end_array() { return Close(); }
  bool key(json::string_t& name) {
    json& object = *stack_.back().container;
    stack_.back().key = name;
    if (object.contains(name)) {
      return Fail(*consumed_,
                  "the member \"" + name + "\" appears twice in one object; expected unique names");
    }
    slot_ = &object[name];
    return true;
  }
  bool parse_error(std::size_t position, const std::string& last_token, const json::exception& error) {
    std::string what = error.what();
    std::string reason;
    if (error.id == 406) {
      reason = "the number " + last_token + " is out of range (beyond ±1.8e308)";
    } else {
      // "[json.exception.parse_error.101] parse error at line 1, column 9: syntax error ...": the
      // location is reported apart, keep the reason.
      size_t start = what.find("] ");
      start = start == std::string::npos ? 0 : start + 2;
      size_t located = what.find(": ", start);
      if (what.compare(start, 11, "parse error") == 0 && located != std::string::npos) start = located + 2;
      reason = what.substr(start);
    }
    syntax_ = true;
    return Fail(position, reason);
  }

  const std::optional<std::pair<size_t, std::string>>& failure() const { return failure_; }
  bool syntax() const { return syntax_; }

  // The path of the value being read, as a JSON pointer and dotted.
  void Path(std::string& pointer, std::string& dotted) const {
    for (size_t i = 0; i < stack_.size(); ++i) {
      const Level& level = stack_[i];
      if (level.container->is_array()) {
        // An open child is already the array's last element; the innermost array's value being
        // read is not in it yet.
        size_t size = level.container->size();
        std::string index = std::to_string(i + 1 < stack_.size() && size > 0 ? size - 1 : size);
        pointer += "/" + index;
        dotted += "[" + index + "]";
      } else if (level.key) {
        pointer += "/" + EscapeJsonPointerToken(*level.key);
        dotted += (dotted.empty() ? "" : ".") + *level.key;
      } else {
        break;
      }
    }
  }

 private:
  struct Level {
    json* container;
    std::optional<std::string> key;  // the member being read, in an object
  };

  json* Place(json&& value) {
    if (stack_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    json& parent = *stack_.back().container;
    if (parent.is_array()) {
      parent.push_back(std::move(value));
      return &parent.back();
    }
    *slot_ = std::move(value);
    return slot_;
  }
  bool Add(json&& value) {
    Place(std::move(value));
    Done();
    return true;
  }
  // The member just read is complete: a problem after it belongs to its object.
  void Done() {
    if (!stack_.empty()) stack_.back().key.reset();
  }
  bool Open(json::value_t type) {
    if (static_cast<int>(stack_.size()) >= max_depth_) {
      return Fail(*consumed_, "arrays and objects nested deeper than " + std::to_string(max_depth_) +
                                  " levels (the limit; real documents are a few levels deep)");
    }
    // Children are only added to the innermost open container, so pointers to the open ones hold.
    stack_.push_back({Place(json(type)), std::nullopt});
    return true;
  }
  bool Close() {
    stack_.pop_back();
    Done();
    return true;
  }
  bool Fail(size_t position, std::string message) {
    failure_.emplace(position, std::move(message));
    return false;
  }

  json& root_;
  int max_depth_;
  const size_t* consumed_;
  std::vector<Level> stack_;
  json* slot_ = nullptr;
  std::optional<std::pair<size_t, std::string>> failure_;
  bool syntax_ = false;
};

// Paths into a document nested 100 deep are long; keep both ends, cut between tokens (which
// start with one of `separators`).
std::string Abridged(const std::string& path, const char* separators) {
  constexpr size_t kHead = 60;
  constexpr size_t kTail = 40;
  if (path.size() <= kHead + kTail + 5) return path;
  size_t head = path.find_last_of(separators, kHead);
  size_t tail = path.find_first_of(separators, path.size() - kTail);
  if (head == std::string::npos || head == 0 || tail == std::string::npos || tail <= head) return path;
  return path.substr(0, head) + "..." + path.substr(tail);
}

}  // namespace

std::string EscapeJsonPointerToken(std::string_view token) {
  std::string out;
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::optional<JsonProblem> ParseJson(std::string_view text, int max_depth, json& out) {
  size_t consumed = 0;
  DomBuilder builder(out, max_depth, &consumed);
  CountingIterator first(text.data(), &consumed);
  CountingIterator last(text.data() + text.size(), &consumed);
  bool ok = false;
  try {
    ok = json::sax_parse(first, last, &builder);
  } catch (const json::exception& error) {
    // The SAX interface reports errors through parse_error; this is a safety net.
    return JsonProblem{0, 0, "", "", true, error.what()};
  }
  if (ok && !builder.failure()) return std::nullopt;
  JsonProblem problem;
  size_t position = builder.failure() ? builder.failure()->first : consumed;
  problem.syntax = !builder.failure() || builder.syntax();
  problem.message = builder.failure() ? builder.failure()->second : "the parser stopped";
  // The byte that stopped the parser is the last one read.
  size_t at = std::min(position > 0 ? position - 1 : 0, text.size());
  problem.line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++problem.line;
      line_start = i + 1;
    }
  }
  problem.column = static_cast<int64_t>(at - line_start) + 1;
  builder.Path(problem.pointer, problem.dotted);
  problem.pointer = Abridged(problem.pointer, "/");
  problem.dotted = Abridged(problem.dotted, ".[");
  // Messages quote input; keep raw control bytes and malformed UTF-8 out of them.
  problem.message = PercentEncodeUnsafe(problem.message);
  problem.pointer = PercentEncodeUnsafe(problem.pointer);
  problem.dotted = PercentEncodeUnsafe(problem.dotted);
  return problem;
}

Status JsonProblemStatus(const std::string& path, const JsonProblem& problem) {
  std::string where = path;
  if (problem.line > 0) where += ":" + std::to_string(problem.line) + ":" + std::to_string(problem.column);
  if (!problem.pointer.empty()) where += ": at " + problem.pointer;
  return Status::BadInput(where + ": " + (problem.syntax ? "not valid JSON: " : "") + problem.message);
}

Result<std::string> ReadWholeInput(const std::string& path, std::string_view what, size_t max_bytes) {
  std::ifstream file;
  std::istream* in = &std::cin;
  if (path != "-") {
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
      return Status::BadInput(path + ": is a directory; expected " + std::string(what));
    }
    file.open(path, std::ios::binary);
    if (!file) return Status::NotFound(path + ": cannot open " + std::string(what));
    in = &file;
  }
  std::string text;
  std::vector<char> buffer(1 << 16);
  while (*in) {
    in->read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    text.append(buffer.data(), static_cast<size_t>(in->gcount()));
    if (text.size() > max_bytes) {
      return Status::BadInput(path + ": longer than " + std::to_string(max_bytes) + " bytes; expected " +
                              std::string(what));
    }
  }
  if (in->bad()) return Status::Io(path + ": read failed");
  return text;
}

std::optional<std::string> FindNestedDeeperThan(const json& value, int max_depth) {
  if (!value.is_structured()) return std::nullopt;
  if (max_depth <= 0) return std::string();
  if (value.is_object()) {
    for (const auto& [key, child] : value.items()) {
      if (auto below = FindNestedDeeperThan(child, max_depth - 1)) {
        return "/" + EscapeJsonPointerToken(key) + *below;
      }
    }
  } else {
    for (size_t i = 0; i < value.size(); ++i) {
      if (auto below = FindNestedDeeperThan(value[i], max_depth - 1)) return "/" + std::to_string(i) + *below;
    }
  }
  return std::nullopt;
}

}  // namespace zenome
