#pragma once
// Fixtures shared by the clinical-layer tests: a fresh store catalog, a pseudonymiser with a fixed
// test key, a dump of every catalog row (to assert a rejected import changed nothing), and small
// query helpers.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "store/catalog/catalog.h"
#include "store/catalog/pseudonymizer.h"
#include "store/catalog/store_dir.h"
#include "store/layers/import.h"
#include "support/test_support.h"

namespace zenome::testing {

inline constexpr const char* kTestKey = "layers-test-key-0123456789";

// A few HPO terms: Seizure (HP:0001250, alt id HP:0002279) with two children; an obsolete term with a
// replacement and one without.
inline constexpr const char* kMiniHpo = R"(format-version: 1.2
data-version: hp/releases/2024-01-01
ontology: hp

[Term]
id: HP:0000001
name: All

[Term]
id: HP:0000118
name: Phenotypic abnormality
is_a: HP:0000001 ! All

[Term]
id: HP:0000707
name: Abnormality of the nervous system
is_a: HP:0000118 ! Phenotypic abnormality

[Term]
id: HP:0001250
name: Seizure
alt_id: HP:0002279
is_a: HP:0000707 ! Abnormality of the nervous system

[Term]
id: HP:0007359
name: Focal-onset seizure
is_a: HP:0001250 ! Seizure

[Term]
id: HP:0002069
name: Bilateral tonic-clonic seizure
is_a: HP:0001250 ! Seizure

[Term]
id: HP:0001263
name: Global developmental delay
is_a: HP:0000707

[Term]
id: HP:0000006
name: obsolete term with a replacement
is_obsolete: true
replaced_by: HP:0001263

[Term]
id: HP:0000005
name: obsolete term without one
is_obsolete: true

[Typedef]
id: part_of
name: part of
)";

// Breast cancer (MONDO:0007254) with a subtype.
inline constexpr const char* kMiniMondo = R"(format-version: 1.2
ontology: mondo

[Term]
id: MONDO:0000001
name: disease

[Term]
id: MONDO:0007254
name: breast cancer
is_a: MONDO:0000001

[Term]
id: MONDO:0016419
name: hereditary breast carcinoma
is_a: MONDO:0007254 {source="x"} ! breast cancer
)";

class LayerStore {
 public:
  LayerStore() {
    store_dir_ = dir_.File("store");
    Status init = InitStore(store_dir_, StoreInitOptions{});
    if (!init.ok()) throw ZenomeError(init);
    auto handle = OpenStore(store_dir_, true);
    if (!handle.ok()) throw ZenomeError(handle.status());
    handle_ = std::make_unique<StoreHandle>(std::move(*handle));
    pseudonymizer_ = std::make_unique<Pseudonymizer>(*Pseudonymizer::FromKey(kTestKey));
  }
  Catalog& catalog() { return *handle_->catalog; }
  const Pseudonymizer& pseudonymizer() const { return *pseudonymizer_; }
  std::string Pseudonym(const std::string& raw) const { return pseudonymizer_->Pseudonym(raw); }
  const std::string& store_dir() const { return store_dir_; }
  StoreHandle& handle() { return *handle_; }

  // Writes `content` to a scratch file named `name` and imports it.
  Result<ImportStats> Import(LayerKind kind, const std::string& name, const std::string& content,
                             const ImportOptions& options = {}) {
    std::string path = dir_.File(name);
    WriteFile(path, content);
    return ImportLayer(catalog(), *pseudonymizer_, kind, path, options);
  }
  std::string File(const std::string& name) const { return dir_.File(name); }

  // Every row of every table, as text (layer_imports excluded: it logs the attempt time).
  std::string Dump() {
    sqlite3* db = nullptr;
    std::string path = store_dir_ + "/catalog.sqlite";
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return "open failed";
    std::string out;
    std::vector<std::string> tables;
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", -1,
                       &statement, nullptr);
    while (sqlite3_step(statement) == SQLITE_ROW) {
      tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
    }
    sqlite3_finalize(statement);
    for (const auto& table : tables) {
      out += "[" + table + "]\n";
      std::string sql = "SELECT * FROM " + table + " ORDER BY 1, 2";
      if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
        sql = "SELECT * FROM " + table + " ORDER BY 1";
        sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr);
      }
      while (sqlite3_step(statement) == SQLITE_ROW) {
        for (int c = 0; c < sqlite3_column_count(statement); ++c) {
          const unsigned char* text = sqlite3_column_text(statement, c);
          out += text != nullptr ? reinterpret_cast<const char*>(text) : "NULL";
          out += '|';
        }
        out += '\n';
      }
      sqlite3_finalize(statement);
    }
    sqlite3_close(db);
    return out;
  }

  // First column of every row of `sql` (no parameters), as text.
  std::vector<std::string> Column(const std::string& sql) {
    std::vector<std::string> values;
    auto statement = catalog().Prepare(sql);
    if (!statement.ok()) {
      ADD_FAILURE() << statement.status().message();
      return values;
    }
    for (;;) {
      auto row = statement->Step();
      if (!row.ok() || !*row) break;
      values.push_back(statement->ColumnIsNull(0) ? "NULL" : statement->ColumnText(0));
    }
    return values;
  }
  std::string One(const std::string& sql) {
    auto values = Column(sql);
    return values.empty() ? "<none>" : values.front();
  }

 private:
  TempDir dir_;
  std::string store_dir_;
  std::unique_ptr<StoreHandle> handle_;
  std::unique_ptr<Pseudonymizer> pseudonymizer_;
};

}  // namespace zenome::testing
