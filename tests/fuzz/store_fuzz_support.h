#pragma once
// Stores for the store-parser targets, built once per process in fuzz::TempDir(): the mini HPO and
// MONDO ontologies, four participants with every clinical layer, and (for cohort queries) their
// genomes on the small reference with gene annotations. Import targets start each run from a fresh
// copy of the catalog, so one input always meets the same store.

#include <filesystem>
#include <string>
#include <string_view>

#include "core/diagnostics.h"
#include "fuzz_support.h"
#include "store/catalog/pseudonymizer.h"
#include "store/catalog/store_dir.h"
#include "store/ingest/ingest.h"
#include "store/layers/import.h"
#include "store_annotate/store_annotate.h"

namespace zenome::fuzz {

inline const Pseudonymizer& FuzzPseudonymizer() {
  static const Pseudonymizer pseudonymizer = [] {
    Result<Pseudonymizer> made = Pseudonymizer::FromKey("zenome-fuzz-key-0123456789");
    if (!made.ok()) Fail(made.status().message());
    return *made;
  }();
  return pseudonymizer;
}

// Seizure (HP:0001250, alt id HP:0002279) with two children; an obsolete term with a replacement
// and one without.
inline constexpr std::string_view kMiniHpo = R"(format-version: 1.2
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
is_a: HP:0000118

[Term]
id: HP:0001250
name: Seizure
alt_id: HP:0002279
is_a: HP:0000707

[Term]
id: HP:0007359
name: Focal-onset seizure
is_a: HP:0001250

[Term]
id: HP:0002069
name: Bilateral tonic-clonic seizure
is_a: HP:0001250

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
)";

inline constexpr std::string_view kMiniMondo = R"(format-version: 1.2
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
is_a: MONDO:0007254
)";

inline void MustOk(const Status& status, std::string_view what) {
  if (!status.ok()) Fail(std::string(what) + ": " + status.message());
}

inline void MustImport(StoreHandle& store, LayerKind kind, std::string_view name, std::string_view text,
                       const ImportOptions& options = {}) {
  const std::string path = WriteFile(name, text);
  Result<ImportStats> stats = kind == LayerKind::kOntology
                                  ? ImportOntology(*store.catalog, path, options)
                                  : ImportLayer(*store.catalog, FuzzPseudonymizer(), kind, path, options);
  MustOk(stats.status(), name);
}

// Participants P1..P4 in every clinical layer.
inline void AddClinicalLayers(StoreHandle& store) {
  MustImport(store, LayerKind::kClinical, "clinical.csv",
             "participant_id,sex,age,population,diagnoses,excluded_diagnoses,hpo_terms,excluded_hpo_terms,"
             "treatments,outcome,consent,secondary_findings\n"
             "P1,female,45,EAS,ICD10:C50.9;MONDO:0016419,,HP:0007359,,ATC:L01XC03,remission,GRU,opt_in\n"
             "P2,male,17,nfe,ICD10:C18.2,MONDO:0007254,HP:0001263,HP:0001250,ATC:L02BA01,progression,"
             "HMB;NCU,opt_out\n"
             "P3,female,65,eas,MONDO:0007254,,HP:0002279,,DrugCentral:1610,Remission,DS:MONDO:0007254,"
             "unknown\n"
             "P4,other,,afr,,,,,,,DS:MONDO:0016419;IRB,\n");
  ImportOptions rna;
  rna.assay = "rna_tpm";
  MustImport(store, LayerKind::kOmics, "omics.tsv",
             "feature\tP1\tP2\tP3\nGENE1\t5\t50\t150\nGENE2\t1\tNA\tNA\n", rna);
  MustImport(store, LayerKind::kPro, "pro.csv",
             "participant_id,instrument,item,timestamp,value\n"
             "P1,EQ5D,pain,2024-06-01,4\nP1,EQ5D,pain,2024-01-01,2\nP2,EQ5D,pain,2024-03-01T12:00:00Z,1\n");
  MustImport(store, LayerKind::kWearable, "wearable.csv",
             "participant_id,timestamp,metric,value\n"
             "P1,2024-05-01T08:00:00Z,heart_rate,60\nP1,2024-05-01T08:01:00Z,heart_rate,80\n"
             "P2,2024-05-02T09:00:00Z,heart_rate,100\nP3,2024-05-01T08:00:00Z,steps,500\n");
  MustImport(store, LayerKind::kPathology, "pathology.csv",
             "participant_id,specimen_id,body_site,diagnosis_code,grade,stage\n"
             "P1,S1,breast,8500/3,G2,pT1c\nP2,S2,colon,ICDO3:8140/3,G3,pT3\n");
  MustImport(store, LayerKind::kImaging, "imaging.csv",
             "participant_id,study_id,modality,body_site,finding_code\n"
             "P1,X1,MR,brain,HP:0007359\nP2,X2,CT,chest,RID:1234\n");
}

// Genomes of P1..P4 with variants in GENE1 (chr1, CDS 10-99), annotated.
inline void AddGenomes(StoreHandle& store) {
  const std::string vcf =
      WriteFile("genomes.vcf",
                "##fileformat=VCFv4.2\n"
                "##contig=<ID=chr1,length=138>\n##contig=<ID=chr2,length=66>\n##contig=<ID=chrM,length=29>\n"
                "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
                "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tP1\tP2\tP3\tP4\n"
                "chr1\t12\t.\tA\tT\t50\tPASS\t.\tGT\t0/1\t0/0\t1/1\t0/0\n"
                "chr1\t20\t.\tG\tGA\t50\tPASS\t.\tGT\t0/0\t0/1\t0/0\t0/0\n"
                "chr1\t40\t.\tG\tA,C\t50\tPASS\t.\tGT\t1/2\t0/0\t0/1\t./.\n"
                "chr2\t10\t.\tT\tC\t50\tPASS\t.\tGT\t0/0\t0/0\t0/0\t0|1\n");
  MustOk(IngestFiles(store, FuzzPseudonymizer(), {vcf}, IngestOptions{}).status(), "ingest");
  StoreAnnotateOptions annotate;
  annotate.gene_model =
      WriteFile("genes.gff3",
                "##gff-version 3\n"
                "chr1\tfuzz\tgene\t1\t138\t.\t+\t.\tID=gene:G1;Name=GENE1;biotype=protein_coding\n"
                "chr1\tfuzz\tmRNA\t1\t138\t.\t+\t.\tID=transcript:T1;Parent=gene:G1;"
                "biotype=protein_coding;tag=Ensembl_canonical\n"
                "chr1\tfuzz\texon\t1\t138\t.\t+\t.\tParent=transcript:T1\n"
                "chr1\tfuzz\tCDS\t10\t99\t.\t+\t0\tParent=transcript:T1\n");
  Diagnostics diagnostics = QuietDiagnostics();
  MustOk(AnnotateStore(store, annotate, diagnostics).status(), "db annotate");
}

// Creates TempDir()/name as `zenome db init --build GRCh38 -f <small reference>` does, with the
// mini ontologies and the clinical layers imported, and with `genomes` the genomes too.
inline std::string BuildStore(std::string_view name, bool genomes) {
  const std::string dir = TempDir() + "/" + std::string(name);
  StoreInitOptions init;
  init.reference_fasta = SmallReference();
  MustOk(InitStore(dir, init), "db init");
  Result<StoreHandle> store = OpenStore(dir, true);
  MustOk(store.status(), "open store");
  MustImport(*store, LayerKind::kOntology, "hp.obo", kMiniHpo);
  MustImport(*store, LayerKind::kOntology, "mondo.obo", kMiniMondo);
  AddClinicalLayers(*store);
  if (genomes) AddGenomes(*store);
  return dir;
}

// A store directory holding a fresh copy of `template_dir`'s catalog (a template without genomes,
// so there are no segment files to copy).
inline std::string FreshStoreCopy(const std::string& template_dir) {
  namespace fs = std::filesystem;
  const fs::path run = fs::path(TempDir()) / "run-store";
  fs::remove_all(run);
  fs::create_directories(run / "segments");
  fs::copy_file(fs::path(template_dir) / "catalog.sqlite", run / "catalog.sqlite");
  return run.string();
}

}  // namespace zenome::fuzz
