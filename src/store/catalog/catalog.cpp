#include "store/catalog/catalog.h"

#include <sqlite3.h>

#include "core/fault_point.h"

namespace zenome {

namespace {
Status SqliteError(sqlite3* db, std::string_view what) {
  return Status::Io("catalog: " + std::string(what) + ": " +
                    (db != nullptr ? sqlite3_errmsg(db) : "out of memory"));
}

// Shared tables. Layer tables (clinical, omics, ...) and segment details are created by the
// parts of the store that own them, in the same database.
constexpr const char* kBaseSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- One row per committed ingest batch; its files are under segments/<directory>/.
CREATE TABLE IF NOT EXISTS segments (
  segment_id INTEGER PRIMARY KEY,
  directory TEXT NOT NULL UNIQUE,
  created TEXT NOT NULL,
  source TEXT NOT NULL,            -- input file names (not paths), ';'-separated
  n_samples INTEGER NOT NULL,
  n_variants INTEGER NOT NULL,
  coverage TEXT NOT NULL,          -- 'gvcf' (reference blocks kept) or 'assumed' (missing = hom-ref)
  checksum TEXT NOT NULL           -- of manifest.json, which lists every file's checksum
);
-- One row per genome. A replaced genome keeps its row (and its segment) with replaced_by set.
CREATE TABLE IF NOT EXISTS samples (
  sample_id INTEGER PRIMARY KEY,
  pseudonym TEXT NOT NULL,
  segment_id INTEGER NOT NULL REFERENCES segments(segment_id),
  column_index INTEGER NOT NULL,   -- position of the sample within its segment
  replaced_by INTEGER REFERENCES samples(sample_id)
);
CREATE UNIQUE INDEX IF NOT EXISTS samples_current ON samples(pseudonym) WHERE replaced_by IS NULL;
-- Everyone the platform knows, by pseudonym, whether or not a genome is stored yet.
CREATE TABLE IF NOT EXISTS participants (
  pseudonym TEXT PRIMARY KEY,
  sex TEXT NOT NULL DEFAULT 'unknown',
  age INTEGER,
  population TEXT,
  secondary_findings TEXT NOT NULL DEFAULT 'unknown'
);
-- GA4GH DUO data-use conditions per participant (DUO:0000042, or DS with its disease).
CREATE TABLE IF NOT EXISTS consent (
  pseudonym TEXT NOT NULL REFERENCES participants(pseudonym),
  duo_code TEXT NOT NULL,
  modifier TEXT,                   -- e.g. the MONDO disease of a DS condition
  PRIMARY KEY (pseudonym, duo_code, modifier)
);
)sql";
}  // namespace

Statement::~Statement() {
  if (statement_ != nullptr) sqlite3_finalize(statement_);
}

Statement::Statement(Statement&& other) noexcept : db_(other.db_), statement_(other.statement_) {
  other.statement_ = nullptr;
}

Statement& Statement::Bind(int index, int64_t value) {
  sqlite3_bind_int64(statement_, index, value);
  return *this;
}
Statement& Statement::Bind(int index, double value) {
  sqlite3_bind_double(statement_, index, value);
  return *this;
}
Statement& Statement::Bind(int index, std::string_view text) {
  sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::BindNull(int index) {
  sqlite3_bind_null(statement_, index);
  return *this;
}
Statement& Statement::Bind(int index, const std::optional<std::string>& text) {
  return text ? Bind(index, std::string_view(*text)) : BindNull(index);
}

Result<bool> Statement::Step() {
  int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  if (rc == SQLITE_CONSTRAINT) {
    return Status::Conflict(std::string("catalog: ") + sqlite3_errmsg(db_) +
                            " in: " + sqlite3_sql(statement_));
  }
  return SqliteError(db_, sqlite3_sql(statement_));
}

Status Statement::Run() {
  for (;;) {
    ZENOME_ASSIGN_OR_RETURN(bool row, Step());
    if (!row) break;
  }
  Reset();
  return Status::Ok();
}

void Statement::Reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

int64_t Statement::ColumnInt(int column) const {
  return sqlite3_column_int64(statement_, column);
}
double Statement::ColumnDouble(int column) const {
  return sqlite3_column_double(statement_, column);
}
std::string Statement::ColumnText(int column) const {
  const unsigned char* text = sqlite3_column_text(statement_, column);
  return text != nullptr ? std::string(reinterpret_cast<const char*>(text)) : std::string();
}
bool Statement::ColumnIsNull(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

Result<std::unique_ptr<Catalog>> Catalog::Open(const std::string& path, Mode mode) {
  std::unique_ptr<Catalog> catalog(new Catalog());
  catalog->path_ = path;
  int flags = mode == Mode::kReadOnly    ? SQLITE_OPEN_READONLY
              : mode == Mode::kReadWrite ? SQLITE_OPEN_READWRITE
                                         : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  flags |= SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &catalog->db_, flags, nullptr) != SQLITE_OK) {
    Status error = Status::NotFound(path + ": cannot open the store catalog (" +
                                    (catalog->db_ != nullptr ? sqlite3_errmsg(catalog->db_) : "?") + ")");
    return error;
  }
  sqlite3_busy_timeout(catalog->db_, 10000);
  if (mode != Mode::kReadOnly) {
    // WAL: readers keep reading the last commit while the writer writes; synchronous=FULL so a
    // commit survives power loss, not just a killed process.
    ZENOME_RETURN_IF_ERROR(
        catalog->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"));
  }
  return catalog;
}

Catalog::~Catalog() {
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

Status Catalog::Exec(std::string_view sql) {
  char* message = nullptr;
  std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string error = message != nullptr ? message : "?";
    sqlite3_free(message);
    return Status::Io("catalog " + path_ + ": " + error);
  }
  return Status::Ok();
}

Result<Statement> Catalog::Prepare(std::string_view sql) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &statement, nullptr) != SQLITE_OK) {
    return SqliteError(db_, std::string(sql));
  }
  return Statement(db_, statement);
}

int64_t Catalog::LastInsertId() const {
  return sqlite3_last_insert_rowid(db_);
}

Result<std::unique_ptr<Catalog::Transaction>> Catalog::Begin() {
  ZENOME_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
  FaultPoint("catalog.begin");
  return std::make_unique<Transaction>(*this);
}

Result<std::unique_ptr<Catalog::ReadSnapshot>> Catalog::BeginRead() {
  ZENOME_RETURN_IF_ERROR(Exec("BEGIN"));
  return std::make_unique<ReadSnapshot>(*this);
}

Catalog::ReadSnapshot::~ReadSnapshot() {
  (void)catalog_->Exec("COMMIT");  // ends a read: nothing to commit, nothing that can fail
}

Catalog::Transaction::~Transaction() {
  if (!done_) (void)catalog_->Exec("ROLLBACK");
}

Status Catalog::Transaction::Commit() {
  ZENOME_RETURN_IF_ERROR(WriteFault("catalog.commit", catalog_->path_, "commit failed"));
  ZENOME_RETURN_IF_ERROR(catalog_->Exec("COMMIT"));
  done_ = true;
  FaultPoint("catalog.committed");
  return Status::Ok();
}

Result<std::optional<std::string>> Catalog::GetMeta(std::string_view key) {
  ZENOME_ASSIGN_OR_RETURN(Statement statement, Prepare("SELECT value FROM meta WHERE key = ?1"));
  statement.Bind(1, key);
  ZENOME_ASSIGN_OR_RETURN(bool row, statement.Step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(statement.ColumnText(0));
}

Status Catalog::SetMeta(std::string_view key, std::string_view value) {
  ZENOME_ASSIGN_OR_RETURN(Statement statement,
                          Prepare("INSERT INTO meta(key, value) VALUES(?1, ?2) "
                                  "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
  statement.Bind(1, key).Bind(2, value);
  return statement.Run();
}

Status Catalog::CreateBaseSchema() {
  return Exec(kBaseSchema);
}

}  // namespace zenome
