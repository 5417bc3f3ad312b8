//! Processing steps, articles combined with cells, and manipulation levels.

use crate::table::vocab;

vocab! {
    /// **How much a processing step changes cells or tissue, as FDA judges it.**
    ///
    /// 21 CFR 1271.3(f) defines *minimal manipulation*; anything beyond it makes a product a
    /// drug/biologic under section 351 unless an exception applies. FDA reads missing data against
    /// the manufacturer: "FDA considers the processing of an HCT/P to be 'more than minimal
    /// manipulation'" when no data show otherwise (MM/HU guidance).
    pub enum ManipulationLevel {
        /// Processing that keeps the tissue's original relevant characteristics (structural) or
        /// the cells' relevant biological characteristics (nonstructural).
        Minimal => "minimal", "minimal manipulation";
        /// Processing that alters those characteristics.
        MoreThanMinimal => "more_than_minimal", "more than minimal manipulation";
        /// Can go either way; only data on the specific process can show it is minimal.
        DependsOnData => "depends_on_data", "depends on data about the specific process";
    }
}

/// **What the crate knows about a processing step**: one row of the [`ProcessingStep`] table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepInfo {
    /// FDA's view of the step applied to structural tissue (or cells isolated from it).
    pub on_structural: ManipulationLevel,
    /// FDA's view of the step applied to cells or nonstructural tissue.
    pub on_nonstructural: ManipulationLevel,
    /// Allowed between removal and implantation for the HCT/P to stay "such HCT/P" under the
    /// same-surgical-procedure exception, 21 CFR 1271.15(b) (rinsing, cleansing, sizing, shaping
    /// and the like).
    pub keeps_same_surgical_procedure: bool,
    /// Listed in Annex I of Regulation (EC) 1394/2007 as *not* a substantial manipulation.
    pub eu_annex_i: bool,
    /// Named as a *substantial* manipulation by a source the crate cites: cell culture and
    /// collagenase digestion (EMA's view as reported by Raposio & Ciliberti, Ann Med Surg 2017),
    /// and genetic modification (which makes a gene therapy medicinal product). Annex I applies
    /// "in particular", so a step that is neither listed nor named here is left to the CAT.
    pub eu_named_substantial: bool,
    /// Where the judgement comes from.
    pub citation: &'static str,
}

const MMHU: &str = "FDA MM/HU guidance (2017, rev. 2020)";
const SSP: &str = "FDA Same Surgical Procedure Exception guidance (Nov 2017)";

vocab! {
    /// **A step between recovering cells or tissue from the donor and giving them to the patient.**
    ///
    /// Processing is "any activity performed on an HCT/P, other than recovery, donor screening,
    /// donor testing, storage, labeling, packaging, or distribution" (21 CFR 1271.3(ff)). Which
    /// steps a product went through decides whether it is minimally manipulated (US), whether it
    /// stays "such HCT/P" within one surgical procedure (US), and whether it is substantially
    /// manipulated (EU).
    ///
    /// [`ProcessingStep::Unclassified`] records a step the document names but the crate cannot
    /// judge; rules treat it as needing data, never as harmless.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::{ManipulationLevel, ProcessingStep};
    ///
    /// let step = ProcessingStep::CultureExpansion;
    /// assert_eq!(step.info().on_nonstructural, ManipulationLevel::MoreThanMinimal);
    /// assert!(!step.info().keeps_same_surgical_procedure);
    /// assert!(ProcessingStep::Rinsing.info().keeps_same_surgical_procedure);
    /// ```
    #[non_exhaustive]
    pub enum ProcessingStep: StepInfo {
        /// Rinsing or cleansing, e.g. washing blood from lipoaspirate.
        Rinsing => "rinsing", "rinsing / cleansing", StepInfo {
            on_structural: ManipulationLevel::Minimal, on_nonstructural: ManipulationLevel::Minimal,
            keeps_same_surgical_procedure: true, eu_annex_i: false, eu_named_substantial: false, citation: SSP,
        };
        /// Cutting tissue into pieces.
        Cutting => "cutting", "cutting", StepInfo {
            on_structural: ManipulationLevel::Minimal, on_nonstructural: ManipulationLevel::Minimal,
            keeps_same_surgical_procedure: true, eu_annex_i: true, eu_named_substantial: false, citation: MMHU,
        };
        /// Sizing or shaping tissue to fit a defect.
        SizingShaping => "sizing_shaping", "sizing / shaping", StepInfo {
            on_structural: ManipulationLevel::Minimal, on_nonstructural: ManipulationLevel::Minimal,
            keeps_same_surgical_procedure: true, eu_annex_i: true, eu_named_substantial: false, citation: SSP,
        };
        /// Grinding or morselizing tissue into particles.
        Grinding => "grinding", "grinding / morselizing", StepInfo {
            on_structural: ManipulationLevel::DependsOnData, on_nonstructural: ManipulationLevel::DependsOnData,
            keeps_same_surgical_procedure: false, eu_annex_i: true, eu_named_substantial: false, citation: MMHU,
        };
        /// Spinning in a centrifuge to concentrate cells or remove fluid and debris, as in bone
        /// marrow concentrate (BMAC) or decanting lipoaspirate.
        Centrifugation => "centrifugation", "centrifugation / concentration", StepInfo {
            on_structural: ManipulationLevel::Minimal, on_nonstructural: ManipulationLevel::Minimal,
            keeps_same_surgical_procedure: true, eu_annex_i: true, eu_named_substantial: false,
            citation: "FDA SSP guidance Example 7-1 (centrifuged lipoaspirate stays such HCT/P); MM/HU guidance",
        };
        /// Separating cells by density gradient (e.g. Ficoll) to isolate mononuclear cells.
        DensityGradientSeparation => "density_gradient_separation", "density-gradient separation", StepInfo {
            on_structural: ManipulationLevel::MoreThanMinimal, on_nonstructural: ManipulationLevel::Minimal,
            keeps_same_surgical_procedure: false, eu_annex_i: true, eu_named_substantial: false, citation: MMHU,
        };
        /// Filtering.
        Filtering => "filtering", "filtering", StepInfo {
            on_structural: ManipulationLevel::DependsOnData, on_nonstructural: ManipulationLevel::Minimal,
            keeps_same_surgical_procedure: false, eu_annex_i: true, eu_named_substantial: false, citation: MMHU,
        };
        /// Digesting tissue with enzymes (e.g. collagenase) to free cells, as in making SVF from
        /// fat. More than minimal for structural tissue (MM/HU Example 14-1; *US v. US Stem Cell
        /// Clinic*, 11th Cir. 2021); substantial in the EU.
        EnzymaticDigestion => "enzymatic_digestion", "enzymatic digestion", StepInfo {
            on_structural: ManipulationLevel::MoreThanMinimal, on_nonstructural: ManipulationLevel::MoreThanMinimal,
            keeps_same_surgical_procedure: false, eu_annex_i: false, eu_named_substantial: true,
            citation: "FDA MM/HU guidance Example 14-1; US v. US Stem Cell Clinic, 998 F.3d 1302 (11th Cir. 2021)",
        };
        /// Breaking up tissue mechanically (e.g. micro-fragmenting fat) to release cells.
        MechanicalDisruption => "mechanical_disruption", "mechanical disruption / micro-fragmentation", StepInfo {
            on_structural: ManipulationLevel::DependsOnData, on_nonstructural: ManipulationLevel::DependsOnData,
            keeps_same_surgical_procedure: false, eu_annex_i: false, eu_named_substantial: false, citation: MMHU,
        };
        /// Growing cells in the laboratory to multiply them ("expansion"), over passages. Alters
        /// "multipotency and capacity for self-renewal" (MM/HU Example 16-1); the source texts warn
        /// that cells expanded too long "get tired" and lose potency.
        CultureExpansion => "culture_expansion", "culture expansion", StepInfo {
            on_structural: ManipulationLevel::MoreThanMinimal, on_nonstructural: ManipulationLevel::MoreThanMinimal,
            keeps_same_surgical_procedure: false, eu_annex_i: false, eu_named_substantial: true,
            citation: "FDA MM/HU guidance Q4, Examples 14-1 and 16-1; US v. Regenerative Sciences, 741 F.3d 1314 (D.C. Cir. 2014)",
        };
        /// Freezing for storage with a cryoprotectant, below −135 °C.
        Cryopreservation => "cryopreservation", "cryopreservation", StepInfo {
            on_structural: ManipulationLevel::Minimal, on_nonstructural: ManipulationLevel::Minimal,
            keeps_same_surgical_procedure: false, eu_annex_i: true, eu_named_substantial: false, citation: MMHU,
        };
        /// Freeze-drying. Kills cells, so it alters cells' biological characteristics.
        Lyophilization => "lyophilization", "lyophilization (freeze-drying)", StepInfo {
            on_structural: ManipulationLevel::DependsOnData, on_nonstructural: ManipulationLevel::MoreThanMinimal,
            keeps_same_surgical_procedure: false, eu_annex_i: true, eu_named_substantial: false, citation: MMHU,
        };
        /// Removing cells from a tissue to leave its matrix.
        Decellularization => "decellularization", "decellularization", StepInfo {
            on_structural: ManipulationLevel::DependsOnData, on_nonstructural: ManipulationLevel::MoreThanMinimal,
            keeps_same_surgical_procedure: false, eu_annex_i: false, eu_named_substantial: false, citation: MMHU,
        };
        /// Terminal sterilization, e.g. by gamma irradiation.
        Sterilization => "sterilization", "sterilization / irradiation", StepInfo {
            on_structural: ManipulationLevel::DependsOnData, on_nonstructural: ManipulationLevel::MoreThanMinimal,
            keeps_same_surgical_procedure: false, eu_annex_i: true, eu_named_substantial: false, citation: MMHU,
        };
        /// Changing the cells' genes, even transiently (e.g. Akuugo's SB623 cells).
        GeneticModification => "genetic_modification", "genetic modification", StepInfo {
            on_structural: ManipulationLevel::MoreThanMinimal, on_nonstructural: ManipulationLevel::MoreThanMinimal,
            keeps_same_surgical_procedure: false, eu_annex_i: false, eu_named_substantial: true, citation: MMHU,
        };
        /// Activating or "priming" cells, e.g. with interferon-gamma, to change their behaviour.
        /// Alters the "differentiation and activation state".
        ActivationPriming => "activation_priming", "activation / priming", StepInfo {
            on_structural: ManipulationLevel::MoreThanMinimal, on_nonstructural: ManipulationLevel::MoreThanMinimal,
            keeps_same_surgical_procedure: false, eu_annex_i: false, eu_named_substantial: false, citation: MMHU,
        };
        /// A step the document names that the crate cannot classify. Never assumed harmless.
        Unclassified => "unclassified", "unclassified step", StepInfo {
            on_structural: ManipulationLevel::DependsOnData, on_nonstructural: ManipulationLevel::DependsOnData,
            keeps_same_surgical_procedure: false, eu_annex_i: false, eu_named_substantial: false,
            citation: "21 CFR 1271.3(f); FDA MM/HU guidance: without data, processing is more than minimal",
        };
    }
}

impl ProcessingStep {
    /// FDA's judgement of this step for a tissue of the given class.
    #[must_use]
    pub const fn level_for(self, class: crate::FdaTissueClass) -> ManipulationLevel {
        match class {
            crate::FdaTissueClass::Structural => self.info().on_structural,
            crate::FdaTissueClass::CellsOrNonstructural => self.info().on_nonstructural,
        }
    }
}

/// **What the crate knows about an added article**: one row of the [`AddedArticle`] table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArticleInfo {
    /// One of the articles 21 CFR 1271.10(a)(3) allows: water, crystalloids, or a sterilizing,
    /// preserving or storage agent (provided it raises no new clinical safety concern).
    pub allowed_by_1271_10_a_3: bool,
    /// Where the judgement comes from.
    pub citation: &'static str,
}

const A3: &str = "21 CFR 1271.10(a)(3)";

vocab! {
    /// **Something other than cells or tissue that is combined with them in manufacture.**
    ///
    /// US law keeps a product under section 361 only if the cells are not combined "with another
    /// article, except for water, crystalloids, or a sterilizing, preserving, or storage agent"
    /// (21 CFR 1271.10(a)(3)). Hyaluronic acid (Cartistem, StemOne), fibrin glue or a scaffold
    /// are such other articles.
    #[non_exhaustive]
    pub enum AddedArticle: ArticleInfo {
        /// Water.
        Water => "water", "water", ArticleInfo { allowed_by_1271_10_a_3: true, citation: A3 };
        /// A crystalloid: saline, Ringer's lactate, Plasma-Lyte.
        Crystalloid => "crystalloid", "crystalloid (saline, Ringer's)", ArticleInfo { allowed_by_1271_10_a_3: true, citation: A3 };
        /// A storage agent or cryoprotectant, e.g. DMSO.
        StorageAgent => "storage_agent", "storage agent / cryoprotectant (e.g. DMSO)", ArticleInfo { allowed_by_1271_10_a_3: true, citation: A3 };
        /// A preserving agent.
        PreservingAgent => "preserving_agent", "preserving agent", ArticleInfo { allowed_by_1271_10_a_3: true, citation: A3 };
        /// A sterilizing agent, e.g. an antibiotic soak.
        SterilizingAgent => "sterilizing_agent", "sterilizing agent", ArticleInfo { allowed_by_1271_10_a_3: true, citation: A3 };
        /// An anticoagulant-preservative solution drawn with the tissue at harvest, e.g. ACD-A
        /// (acid-citrate-dextrose) or heparin, to keep an aspirate from clotting until it is
        /// processed. Read as a "preserving or storage agent" of 1271.10(a)(3): it keeps the
        /// collected cells as they were and adds nothing meant to act on the patient. This is the
        /// crate's reading — FDA's guidance does not name anticoagulants — and 1271.10(a)(3) still
        /// requires that the agent raise no new clinical safety concern.
        Anticoagulant => "anticoagulant", "anticoagulant-preservative (ACD-A, heparin)", ArticleInfo {
            allowed_by_1271_10_a_3: true,
            citation: "21 CFR 1271.10(a)(3) ('preserving, or storage agent'); the crate's reading for anticoagulant-preservative solutions used at harvest",
        };
        /// Hyaluronic acid or hyaluronate gel.
        HyaluronicAcid => "hyaluronic_acid", "hyaluronic acid", ArticleInfo { allowed_by_1271_10_a_3: false, citation: A3 };
        /// Fibrin glue or another sealant.
        FibrinGlue => "fibrin_glue", "fibrin glue", ArticleInfo { allowed_by_1271_10_a_3: false, citation: A3 };
        /// A scaffold or matrix the cells are seeded on.
        Scaffold => "scaffold", "scaffold / matrix", ArticleInfo { allowed_by_1271_10_a_3: false, citation: A3 };
        /// A drug, e.g. the doxycycline of the cultured Regenexx procedure.
        Drug => "drug", "drug", ArticleInfo {
            allowed_by_1271_10_a_3: false,
            citation: "21 CFR 1271.10(a)(3); US v. Regenerative Sciences (D.D.C. 2012)",
        };
        /// Platelet-rich plasma or platelet lysate.
        PlateletProduct => "platelet_product", "platelet-rich plasma / platelet lysate", ArticleInfo { allowed_by_1271_10_a_3: false, citation: A3 };
        /// A medical device that forms part of the product.
        Device => "device", "medical device", ArticleInfo { allowed_by_1271_10_a_3: false, citation: A3 };
    }
}

/// **What the crate knows about a preparation**: one row of the [`CellPreparation`] table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PreparationInfo {
    /// The product is meant to deliver living cells, so viability and cell counts must be shown.
    pub live_cells: bool,
    /// The cells were grown in culture as part of making it.
    pub culture_expanded: bool,
}

const fn prep(live_cells: bool, culture_expanded: bool) -> PreparationInfo {
    PreparationInfo {
        live_cells,
        culture_expanded,
    }
}

vocab! {
    /// **What kind of preparation a product is.**
    ///
    /// Clinics sell very different things under the words "stem cells": a bone marrow
    /// concentrate made at the bedside holds a few MSCs among millions of blood cells; a
    /// culture-expanded lot holds hundreds of millions of MSCs; a perinatal "allograft" may hold
    /// no living MSCs at all; an exosome product holds no cells.
    #[non_exhaustive]
    pub enum CellPreparation: PreparationInfo {
        /// MSCs grown in the laboratory to large numbers (Ryoncil, Alofisel, Stemirac).
        CultureExpandedMsc => "culture_expanded_msc", "culture-expanded MSCs", prep(true, true);
        /// Bone marrow aspirate spun down at the bedside (BMAC / BMC).
        BoneMarrowConcentrate => "bone_marrow_concentrate", "bone marrow concentrate (BMAC)", prep(true, false);
        /// Bone marrow aspirate used as drawn.
        BoneMarrowAspirate => "bone_marrow_aspirate", "bone marrow aspirate", prep(true, false);
        /// Stromal vascular fraction: the cells freed from fat by enzymatic digestion.
        StromalVascularFraction => "stromal_vascular_fraction", "stromal vascular fraction (SVF)", prep(true, false);
        /// Fat broken into small clusters mechanically, without enzymes.
        MicrofragmentedAdipose => "microfragmented_adipose", "micro-fragmented adipose tissue", prep(true, false);
        /// Fat moved from one place to another (fat grafting, lipofilling).
        FatGraft => "fat_graft", "fat graft", prep(true, false);
        /// An amniotic, placental or umbilical "allograft" from a tissue bank, often sold as
        /// containing stem cells.
        PerinatalAllograft => "perinatal_allograft", "perinatal (amniotic / umbilical) allograft", prep(true, false);
        /// A unit of umbilical cord blood for transplantation.
        CordBloodUnit => "cord_blood_unit", "cord blood unit", prep(true, false);
        /// A sheet or membrane of tissue laid on a wound.
        TissueSheet => "tissue_sheet", "tissue sheet / membrane", prep(false, false);
        /// Exosomes or other extracellular vesicles, with no cells.
        ExtracellularVesicles => "extracellular_vesicles", "exosomes / extracellular vesicles (cell-free)", prep(false, false);
        /// Conditioned medium or "secretome", with no cells.
        ConditionedMedium => "conditioned_medium", "conditioned medium / secretome (cell-free)", prep(false, false);
        /// Platelet-rich plasma (PRP): the patient's blood spun to concentrate platelets. A blood
        /// product, so not an HCT/P at all (21 CFR 1271.3(d)(2); FDA MM/HU guidance, section V.A).
        /// Holds no MSCs; listed so that PRP offers can be recognised and classified.
        PlateletRichPlasma => "platelet_rich_plasma", "platelet-rich plasma (PRP)", prep(false, false);
    }
}
