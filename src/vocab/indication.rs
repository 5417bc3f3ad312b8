//! Indications: the conditions MSC products are tried or sold for.

use crate::TissueFunction;
use crate::table::vocab;

vocab! {
    /// **The family of conditions an indication belongs to.**
    ///
    /// Used to tell "one condition" from "a myriad of diseases": an offer that claims to treat
    /// conditions from many unrelated categories is the pattern FDA calls "an unproven treatment
    /// for a myriad of diseases or conditions".
    #[non_exhaustive]
    pub enum IndicationCategory {
        /// Joints, cartilage, tendons, ligaments, bone, spine.
        Orthopaedic => "orthopaedic", "orthopaedic";
        /// Autoimmune and chronic inflammatory disease.
        Autoimmune => "autoimmune", "autoimmune / inflammatory";
        /// Bowel disease and its complications.
        Gastrointestinal => "gastrointestinal", "gastrointestinal";
        /// Complications of transplantation, such as graft-versus-host disease.
        Transplantation => "transplantation", "transplantation / immune";
        /// Brain, spinal cord and nerves.
        Neurological => "neurological", "neurological";
        /// Heart and blood vessels.
        Cardiovascular => "cardiovascular", "cardiovascular";
        /// Lungs and airways.
        Respiratory => "respiratory", "respiratory";
        /// Chronic wounds and ulcers.
        Wound => "wound", "wound healing";
        /// Development of the brain in childhood (autism).
        Neurodevelopmental => "neurodevelopmental", "neurodevelopmental";
        /// Ageing, "longevity" and general wellness.
        Ageing => "ageing", "ageing / wellness";
        /// Blood formation, e.g. reconstitution after chemotherapy.
        Hematologic => "hematologic", "blood formation";
        /// Soft-tissue and cosmetic reconstruction.
        Cosmetic => "cosmetic", "cosmetic / soft tissue";
    }
}

/// **What the crate knows about an indication**: one row of the [`Indication`] table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct IndicationInfo {
    /// The family of conditions.
    pub category: IndicationCategory,
    /// MONDO disease ontology id, where one exists.
    pub mondo: Option<&'static str>,
    /// ICD-10-CM code or category, where one fits (from a 2022 code set; check current CMS files).
    pub icd10cm: Option<&'static str>,
    /// The function(s) a product must perform in the recipient to treat the condition. The
    /// homologous-use tests hold these against the source tissue's basic functions: treating
    /// arthritis or tendonitis means regenerating cartilage or tendon (FDA MM/HU guidance,
    /// Example 19-6(b)), multiple sclerosis limiting the autoimmune reaction and promoting
    /// remyelination (19-6(c)), a heart attack limiting ventricular remodelling (19-1(b)),
    /// cerebral palsy repairing neurologic tissue (19-1(c)), a wound healing it and reducing
    /// inflammation (19-4(b)), blood disorders reconstituting the hematopoietic system
    /// (19-1(a)), and soft-tissue voids cushioning and support (19-6(a)).
    pub implies: &'static [TissueFunction],
}

const fn row(
    category: IndicationCategory,
    mondo: Option<&'static str>,
    icd10cm: Option<&'static str>,
    implies: &'static [TissueFunction],
) -> IndicationInfo {
    IndicationInfo {
        category,
        mondo,
        icd10cm,
        implies,
    }
}

use IndicationCategory as C;
use TissueFunction as F;

const MSK: &[TissueFunction] = &[F::MusculoskeletalRepair];
const IMM: &[TissueFunction] = &[F::Immunomodulation];
const NEURO: &[TissueFunction] = &[F::NeuralRepair];

vocab! {
    /// **A condition that an MSC product is studied, approved or sold for.**
    ///
    /// The list covers every condition the source texts name (the trial indications of the first
    /// text, ACL tears and the strip-mall claims of the second), the indications of approved
    /// products (ALS, critical limb ischaemia, myocardial infarction, cartilage defects, …) and
    /// blood reconstitution, the one licensed use of cord blood in the US.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::vocab::{Indication, IndicationCategory};
    ///
    /// let oa = Indication::KneeOsteoarthritis;
    /// assert_eq!(oa.info().category, IndicationCategory::Orthopaedic);
    /// assert_eq!(oa.info().mondo, Some("MONDO:0005416"));
    /// assert_eq!("graft_versus_host_disease".parse::<Indication>()?, Indication::GraftVersusHostDisease);
    /// # Ok::<(), msc_therapy::document::UnknownCode>(())
    /// ```
    #[non_exhaustive]
    pub enum Indication: IndicationInfo {
        /// Osteoarthritis of the knee: wear of joint cartilage. "The big one" for MSC clinics.
        KneeOsteoarthritis => "knee_osteoarthritis", "knee osteoarthritis", row(C::Orthopaedic, Some("MONDO:0005416"), Some("M17"), MSK);
        /// Osteoarthritis of another joint (hip, shoulder, ankle, hand).
        Osteoarthritis => "osteoarthritis", "osteoarthritis (other joints)", row(C::Orthopaedic, None, Some("M19.90"), MSK);
        /// A full-thickness cartilage defect (Cartistem's indication).
        CartilageDefect => "cartilage_defect", "cartilage defect", row(C::Orthopaedic, None, None, MSK);
        /// A tear of the anterior cruciate ligament of the knee.
        AclTear => "acl_tear", "ACL tear", row(C::Orthopaedic, None, Some("S83.51"), MSK);
        /// Tendon injury or tendinopathy (tennis elbow, rotator cuff, Achilles).
        Tendinopathy => "tendinopathy", "tendon injury / tendinopathy", row(C::Orthopaedic, None, None, MSK);
        /// Low back pain from a degenerated intervertebral disc.
        DiscDegeneration => "disc_degeneration", "degenerative disc disease / back pain", row(C::Orthopaedic, None, Some("M51.36"), MSK);
        /// Rheumatoid arthritis: autoimmune inflammation of joints.
        RheumatoidArthritis => "rheumatoid_arthritis", "rheumatoid arthritis", row(C::Autoimmune, Some("MONDO:0008383"), Some("M06.9"), IMM);
        /// Systemic lupus erythematosus.
        Lupus => "lupus", "systemic lupus erythematosus", row(C::Autoimmune, Some("MONDO:0007915"), Some("M32.9"), IMM);
        /// Multiple sclerosis.
        MultipleSclerosis => "multiple_sclerosis", "multiple sclerosis", row(C::Neurological, Some("MONDO:0005301"), Some("G35"), &[F::Immunomodulation, F::NeuralRepair]);
        /// Crohn's disease: chronic inflammation of the bowel.
        CrohnsDisease => "crohns_disease", "Crohn's disease", row(C::Gastrointestinal, Some("MONDO:0005011"), Some("K50.90"), IMM);
        /// A perianal fistula in Crohn's disease (Alofisel, Cupistem).
        PerianalFistula => "perianal_fistula", "perianal fistula in Crohn's disease", row(C::Gastrointestinal, Some("MONDO:0005537"), Some("K60.3"), &[F::WoundHealing]);
        /// Graft-versus-host disease: donor immune cells attacking a transplant recipient
        /// (Prochymal, Temcell, Ryoncil).
        GraftVersusHostDisease => "graft_versus_host_disease", "graft-versus-host disease", row(C::Transplantation, Some("MONDO:0013730"), Some("D89.81"), IMM);
        /// Spinal cord injury (Stemirac).
        SpinalCordInjury => "spinal_cord_injury", "spinal cord injury", row(C::Neurological, Some("MONDO:0043797"), None, NEURO);
        /// Traumatic brain injury (Akuugo).
        TraumaticBrainInjury => "traumatic_brain_injury", "traumatic brain injury", row(C::Neurological, None, None, NEURO);
        /// Amyotrophic lateral sclerosis (NeuroNata-R).
        Als => "als", "amyotrophic lateral sclerosis (ALS)", row(C::Neurological, Some("MONDO:0004976"), Some("G12.21"), NEURO);
        /// Cerebral palsy: treating it with cells means repairing brain tissue, which FDA's
        /// MM/HU guidance (Example 19-1(c)) does not accept as a basic function of cord blood.
        CerebralPalsy => "cerebral_palsy", "cerebral palsy", row(C::Neurological, None, None, NEURO);
        /// Stroke.
        Stroke => "stroke", "stroke", row(C::Neurological, None, None, NEURO);
        /// Parkinson's disease.
        ParkinsonsDisease => "parkinsons_disease", "Parkinson's disease", row(C::Neurological, None, None, NEURO);
        /// Alzheimer's disease, one of the strip-mall claims the second text warns of.
        AlzheimersDisease => "alzheimers_disease", "Alzheimer's disease", row(C::Neurological, None, None, NEURO);
        /// Autism, one of the strip-mall claims the second text warns of.
        Autism => "autism", "autism", row(C::Neurodevelopmental, None, None, NEURO);
        /// Heart failure.
        HeartFailure => "heart_failure", "heart failure", row(C::Cardiovascular, Some("MONDO:0005252"), Some("I50.9"), &[F::CardiacRepair]);
        /// Acute myocardial infarction (heart attack) (Hearticellgram-AMI).
        AcuteMyocardialInfarction => "acute_myocardial_infarction", "acute myocardial infarction", row(C::Cardiovascular, None, None, &[F::CardiacRepair]);
        /// Critical limb ischaemia, e.g. from Buerger's disease (Stempeucel).
        CriticalLimbIschemia => "critical_limb_ischemia", "critical limb ischaemia", row(C::Cardiovascular, Some("MONDO:0000491"), Some("I70.22"), &[F::Angiogenesis]);
        /// Chronic obstructive pulmonary disease.
        Copd => "copd", "COPD", row(C::Respiratory, Some("MONDO:0005002"), Some("J44.9"), IMM);
        /// Acute respiratory distress syndrome, e.g. from viral infection.
        Ards => "ards", "ARDS", row(C::Respiratory, Some("MONDO:0006502"), Some("J80"), IMM);
        /// A diabetic foot ulcer or other diabetic wound.
        DiabeticWound => "diabetic_wound", "diabetic wound / foot ulcer", row(C::Wound, None, Some("E11.621"), &[F::WoundHealing]);
        /// Another chronic wound that resists healing (pressure or venous ulcer, burn).
        ChronicWound => "chronic_wound", "chronic wound", row(C::Wound, None, None, &[F::WoundHealing]);
        /// Rebuilding blood formation after chemotherapy or in blood disorders (cord blood, HEMACORD).
        HematopoieticReconstitution => "hematopoietic_reconstitution", "blood-forming reconstitution", row(C::Hematologic, None, None, &[F::Hematopoiesis]);
        /// Soft-tissue (fat) defects and cosmetic reconstruction (Queencell).
        SoftTissueDefect => "soft_tissue_defect", "soft-tissue defect / cosmetic", row(C::Cosmetic, None, None, &[F::Cushioning, F::Support]);
        /// "Anti-ageing", "longevity" or general wellness.
        AntiAgeing => "anti_ageing", "anti-ageing / longevity", row(C::Ageing, None, None, &[F::GeneralRegeneration]);
    }
}

impl Indication {
    /// **How many distinct families of conditions ([`IndicationCategory`]) a list names.**
    ///
    /// The measure behind FDA's "unproven treatment for a myriad of diseases or conditions": the
    /// US homologous-use rule and the clinic-offer checklist both count this way.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::vocab::Indication;
    ///
    /// // Two orthopaedic conditions are one family; autism adds a second.
    /// let listed = [Indication::KneeOsteoarthritis, Indication::AclTear, Indication::Autism];
    /// assert_eq!(Indication::distinct_categories(&listed), 2);
    /// assert_eq!(Indication::distinct_categories(&[]), 0);
    /// ```
    #[must_use]
    pub fn distinct_categories(indications: &[Self]) -> usize {
        // One bit per category: no scratch list.
        const _: () = assert!(
            IndicationCategory::COUNT <= 64,
            "the categories seen are kept in a u64"
        );
        let mut seen: u64 = 0;
        for indication in indications {
            seen |= 1 << (indication.info().category as u32);
        }
        seen.count_ones() as usize
    }
}
