#pragma once
// The body shared by the layer-import targets: the input becomes a file of the given name,
// imported as `zenome db import DIR --layer LAYER FILE` does (the store opened for writing, one
// transaction) into a fresh copy of a store that already holds the mini ontologies and four
// participants' clinical layers. Invariant: a file accepted once is accepted again, and noted as
// imported before.

#include <string>

#include "fuzz_support.h"
#include "store_fuzz_support.h"

namespace zenome::fuzz {

inline const std::string& ImportTemplate() {
  static const std::string dir = BuildStore("template", /*genomes=*/false);
  return dir;
}

// Returns the first import's result.
inline Result<ImportStats> ImportOnce(LayerKind kind, const std::string& path, const ImportOptions& options) {
  Result<StoreHandle> store = OpenStore(FreshStoreCopy(ImportTemplate()), /*for_writing=*/true);
  MustOk(store.status(), "open store");
  auto import = [&] {
    return kind == LayerKind::kOntology
               ? ImportOntology(*store->catalog, path, options)
               : ImportLayer(*store->catalog, FuzzPseudonymizer(), kind, path, options);
  };
  Result<ImportStats> first = import();
  if (!first.ok()) {
    FailOnInternal(first.status());
    return first;
  }
  Result<ImportStats> again = import();
  if (!again.ok()) Fail("an accepted file is rejected the second time: " + again.status().message());
  if (!again->previously_imported) Fail("a repeated import is not noted as one");
  if (first->records < 0 || first->rows_written < 0 || first->participants < 0) Fail("negative counts");
  return first;
}

}  // namespace zenome::fuzz
