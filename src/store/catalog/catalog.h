#pragma once
// The store's SQLite catalog: a thin RAII wrapper (statements, transactions) and the schema every
// part of the store shares. WAL mode: one writer, readers see the last committed snapshot.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace zenome {

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* statement) : db_(db), statement_(statement) {}
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;

  // Parameters are 1-based, as in SQLite.
  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, double value);
  Statement& Bind(int index, std::string_view text);
  // Exact overloads, so strings and literals do not find string_view and optional ambiguous.
  Statement& Bind(int index, const std::string& text) { return Bind(index, std::string_view(text)); }
  Statement& Bind(int index, const char* text) { return Bind(index, std::string_view(text)); }
  Statement& BindNull(int index);
  Statement& Bind(int index, const std::optional<std::string>& text);
  // true: a row is ready; false: done. Errors name the SQL.
  Result<bool> Step();
  // Runs to completion (for INSERT/UPDATE/DELETE).
  Status Run();
  void Reset();

  int64_t ColumnInt(int column) const;
  double ColumnDouble(int column) const;
  std::string ColumnText(int column) const;
  bool ColumnIsNull(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* statement_;
};

class Catalog {
 public:
  enum class Mode { kReadOnly, kReadWrite, kCreate };
  static Result<std::unique_ptr<Catalog>> Open(const std::string& path, Mode mode);
  ~Catalog();
  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;

  const std::string& path() const { return path_; }
  Status Exec(std::string_view sql);
  Result<Statement> Prepare(std::string_view sql);
  int64_t LastInsertId() const;

  // BEGIN IMMEDIATE ... COMMIT; rolled back when destroyed uncommitted.
  class Transaction {
   public:
    explicit Transaction(Catalog& catalog) : catalog_(&catalog) {}
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    Status Commit();

   private:
    friend class Catalog;
    Catalog* catalog_;
    bool done_ = false;
  };
  Result<std::unique_ptr<Transaction>> Begin();

  // A read snapshot: what is read while it lives comes from one committed state (SQLite WAL), so a
  // reader lists segments and samples of the same commit while a writer goes on. No lock is taken.
  class ReadSnapshot {
   public:
    explicit ReadSnapshot(Catalog& catalog) : catalog_(&catalog) {}
    ~ReadSnapshot();
    ReadSnapshot(const ReadSnapshot&) = delete;
    ReadSnapshot& operator=(const ReadSnapshot&) = delete;

   private:
    Catalog* catalog_;
  };
  Result<std::unique_ptr<ReadSnapshot>> BeginRead();

  // meta(key, value): format version, build, creation details.
  Result<std::optional<std::string>> GetMeta(std::string_view key);
  Status SetMeta(std::string_view key, std::string_view value);

  // Creates the shared tables (idempotent): meta, segments, samples, participants, consent.
  Status CreateBaseSchema();

 private:
  Catalog() = default;
  sqlite3* db_ = nullptr;
  std::string path_;
};

// Current catalog schema version, stored as meta 'schema_version'.
inline constexpr int kCatalogSchemaVersion = 1;

}  // namespace zenome
