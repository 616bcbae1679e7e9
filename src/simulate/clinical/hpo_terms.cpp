#include "simulate/clinical/hpo_terms.h"

#include <array>

namespace zenome::simulate {

namespace {

using S = PhenotypeSystem;

constexpr std::array<HpoTerm, 68> kTerms = {{
    {"HP:0001250", "Seizure", S::kNeurological},
    {"HP:0001263", "Global developmental delay", S::kNeurological},
    {"HP:0001249", "Intellectual disability", S::kNeurological},
    {"HP:0001252", "Hypotonia", S::kNeurological},
    {"HP:0002376", "Developmental regression", S::kNeurological},
    {"HP:0000252", "Microcephaly", S::kNeurological},
    {"HP:0000256", "Macrocephaly", S::kNeurological},
    {"HP:0001251", "Ataxia", S::kNeurological},
    {"HP:0002072", "Chorea", S::kNeurological},
    {"HP:0001332", "Dystonia", S::kNeurological},
    {"HP:0001257", "Spasticity", S::kNeurological},
    {"HP:0000729", "Autistic behavior", S::kNeurological},
    {"HP:0007359", "Focal-onset seizure", S::kNeurological},
    {"HP:0002069", "Bilateral tonic-clonic seizure", S::kNeurological},
    {"HP:0002119", "Ventriculomegaly", S::kNeurological},
    {"HP:0001274", "Agenesis of corpus callosum", S::kNeurological},
    {"HP:0002059", "Cerebral atrophy", S::kNeurological},
    {"HP:0000505", "Visual impairment", S::kEyeEar},
    {"HP:0000639", "Nystagmus", S::kEyeEar},
    {"HP:0000486", "Strabismus", S::kEyeEar},
    {"HP:0000518", "Cataract", S::kEyeEar},
    {"HP:0000365", "Hearing impairment", S::kEyeEar},
    {"HP:0000407", "Sensorineural hearing impairment", S::kEyeEar},
    {"HP:0000510", "Rod-cone dystrophy", S::kEyeEar},
    {"HP:0001631", "Atrial septal defect", S::kCardiac},
    {"HP:0001629", "Ventricular septal defect", S::kCardiac},
    {"HP:0001639", "Hypertrophic cardiomyopathy", S::kCardiac},
    {"HP:0001644", "Dilated cardiomyopathy", S::kCardiac},
    {"HP:0011675", "Arrhythmia", S::kCardiac},
    {"HP:0001657", "Prolonged QT interval", S::kCardiac},
    {"HP:0002647", "Aortic dissection", S::kCardiac},
    {"HP:0001638", "Cardiomyopathy", S::kCardiac},
    {"HP:0004322", "Short stature", S::kSkeletal},
    {"HP:0001519", "Disproportionate tall stature", S::kSkeletal},
    {"HP:0002650", "Scoliosis", S::kSkeletal},
    {"HP:0001166", "Arachnodactyly", S::kSkeletal},
    {"HP:0001382", "Joint hypermobility", S::kSkeletal},
    {"HP:0002757", "Recurrent fractures", S::kSkeletal},
    {"HP:0000939", "Osteoporosis", S::kSkeletal},
    {"HP:0001156", "Brachydactyly", S::kSkeletal},
    {"HP:0001159", "Syndactyly", S::kSkeletal},
    {"HP:0010442", "Polydactyly", S::kSkeletal},
    {"HP:0000316", "Hypertelorism", S::kCraniofacial},
    {"HP:0000175", "Cleft palate", S::kCraniofacial},
    {"HP:0000369", "Low-set ears", S::kCraniofacial},
    {"HP:0000494", "Downslanted palpebral fissures", S::kCraniofacial},
    {"HP:0000343", "Long philtrum", S::kCraniofacial},
    {"HP:0001508", "Failure to thrive", S::kMetabolic},
    {"HP:0001943", "Hypoglycemia", S::kMetabolic},
    {"HP:0001942", "Metabolic acidosis", S::kMetabolic},
    {"HP:0003128", "Lactic acidosis", S::kMetabolic},
    {"HP:0001397", "Hepatic steatosis", S::kMetabolic},
    {"HP:0002240", "Hepatomegaly", S::kMetabolic},
    {"HP:0001744", "Splenomegaly", S::kMetabolic},
    {"HP:0000083", "Renal insufficiency", S::kRenal},
    {"HP:0000107", "Renal cyst", S::kRenal},
    {"HP:0000822", "Hypertension", S::kRenal},
    {"HP:0001903", "Anemia", S::kBloodImmune},
    {"HP:0001873", "Thrombocytopenia", S::kBloodImmune},
    {"HP:0002721", "Immunodeficiency", S::kBloodImmune},
    {"HP:0002205", "Recurrent respiratory infections", S::kBloodImmune},
    {"HP:0000964", "Eczema", S::kBloodImmune},
    {"HP:0003198", "Myopathy", S::kMuscle},
    {"HP:0003560", "Muscular dystrophy", S::kMuscle},
    {"HP:0001324", "Muscle weakness", S::kMuscle},
    {"HP:0002093", "Respiratory insufficiency", S::kMuscle},
    {"HP:0003002", "Breast carcinoma", S::kCancer},
    {"HP:0003003", "Colon cancer", S::kCancer},
}};

}  // namespace

std::span<const HpoTerm> HpoTerms() {
  return kTerms;
}

std::string_view SystemDiseaseNoun(PhenotypeSystem system) {
  switch (system) {
    case S::kNeurological: return "neurodevelopmental disorder";
    case S::kEyeEar: return "retinal dystrophy and hearing loss";
    case S::kCardiac: return "cardiomyopathy";
    case S::kSkeletal: return "skeletal dysplasia";
    case S::kCraniofacial: return "craniofacial syndrome";
    case S::kMetabolic: return "metabolic disorder";
    case S::kRenal: return "kidney disease";
    case S::kBloodImmune: return "immunodeficiency";
    case S::kMuscle: return "myopathy";
    case S::kCancer: return "cancer predisposition syndrome";
  }
  return "disorder";
}

}  // namespace zenome::simulate
