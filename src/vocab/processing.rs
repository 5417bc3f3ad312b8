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
        /// Not judged: the crate cannot classify the step ([`ProcessingStep::Unclassified`]).
        /// Data the maker holds cannot settle it either, because nobody has said what the step
        /// does; only FDA (Tissue Reference Group, or a Request for Designation) can.
        Unjudged => "unjudged", "not judged (unclassified step)";
    }
}

impl ManipulationLevel {
    /// Whether a maker's data on the specific process can show the step is minimal: only for a
    /// step whose effect FDA's guidance says depends on the process
    /// ([`ManipulationLevel::DependsOnData`]). A step the guidance calls more than minimal stays
    /// so whatever the data, and an unjudged step cannot be settled by data nobody can read.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::vocab::ManipulationLevel;
    ///
    /// assert!(ManipulationLevel::DependsOnData.settled_by_data());
    /// assert!(!ManipulationLevel::MoreThanMinimal.settled_by_data());
    /// assert!(!ManipulationLevel::Unjudged.settled_by_data());
    /// ```
    #[must_use]
    pub const fn settled_by_data(self) -> bool {
        matches!(self, Self::DependsOnData)
    }
}

/// **What the crate knows about a processing step**: one row of the [`ProcessingStep`] table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct StepInfo {
    /// FDA's view of the step applied to structural tissue (or cells isolated from it).
    pub on_structural: ManipulationLevel,
    /// FDA's view of the step applied to cells or nonstructural tissue.
    pub on_nonstructural: ManipulationLevel,
    /// Named by FDA's Same Surgical Procedure Exception guidance (Nov 2017) as a step that
    /// keeps the HCT/P "such HCT/P" under 21 CFR 1271.15(b): only rinsing, cleansing, sizing and
    /// shaping. A step that is neither this nor [`StepInfo::ends_same_surgical_procedure`]
    /// leaves the exception open: no source the crate cites settles it (centrifugation to
    /// concentrate marrow, for one, is not rinsing, cleansing, sizing or shaping).
    pub keeps_same_surgical_procedure: bool,
    /// A step that makes the implanted cells something other than the HCT/P removed, so the
    /// exception of 21 CFR 1271.15(b) does not apply: isolating cells from the tissue
    /// (enzymatic digestion, cell isolation: the stromal vascular fraction of *US v. US Stem Cell
    /// Clinic, LLC*, 998 F.3d 1302 (11th Cir. 2021) and *US v. California Stem Cell Treatment
    /// Center, Inc.*, No. 22-56014 (9th Cir. 2024)), and steps that change or multiply the cells
    /// (culture expansion, genetic modification, activation), to which the Ninth Circuit's
    /// holding that "the removed and implanted HCT/Ps must be the same" applies a fortiori.
    pub ends_same_surgical_procedure: bool,
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
const SSP: &str = "FDA, Same Surgical Procedure Exception under 21 CFR 1271.15(b): Questions and Answers Regarding the Scope of the Exception (Nov 2017): rinsing, cleansing, sizing and shaping keep an HCT/P 'such HCT/P'; FDA MM/HU guidance (2017, rev. 2020), footnotes 27-28 (adipose tissue 'only rinsed or cleansed')";

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
    /// use msc_therapy::vocab::{ManipulationLevel, ProcessingStep};
    ///
    /// let step = ProcessingStep::CultureExpansion;
    /// assert_eq!(step.info().on_nonstructural, ManipulationLevel::MoreThanMinimal);
    /// assert!(!step.info().keeps_same_surgical_procedure);
    /// assert!(step.info().ends_same_surgical_procedure);
    /// assert!(ProcessingStep::Rinsing.info().keeps_same_surgical_procedure);
    /// // Concentrating marrow is not rinsing, cleansing, sizing or shaping: left open.
    /// let spin = ProcessingStep::Centrifugation.info();
    /// assert!(!spin.keeps_same_surgical_procedure && !spin.ends_same_surgical_procedure);
    /// ```
    #[non_exhaustive]
    pub enum ProcessingStep: StepInfo {
        /// Rinsing or cleansing, e.g. washing blood from lipoaspirate.
        Rinsing => "rinsing", "rinsing / cleansing", StepInfo {
            on_structural: ManipulationLevel::Minimal, on_nonstructural: ManipulationLevel::Minimal,
            keeps_same_surgical_procedure: true, ends_same_surgical_procedure: false, eu_annex_i: false, eu_named_substantial: false, citation: SSP,
        };
        /// Cutting tissue into pieces.
        Cutting => "cutting", "cutting", StepInfo {
            on_structural: ManipulationLevel::Minimal, on_nonstructural: ManipulationLevel::Minimal,
            keeps_same_surgical_procedure: false, ends_same_surgical_procedure: false, eu_annex_i: true, eu_named_substantial: false, citation: MMHU,
        };
        /// Sizing or shaping tissue to fit a defect.
        SizingShaping => "sizing_shaping", "sizing / shaping", StepInfo {
            on_structural: ManipulationLevel::Minimal, on_nonstructural: ManipulationLevel::Minimal,
            keeps_same_surgical_procedure: true, ends_same_surgical_procedure: false, eu_annex_i: true, eu_named_substantial: false, citation: SSP,
        };
        /// Grinding or morselizing tissue into particles.
        Grinding => "grinding", "grinding / morselizing", StepInfo {
            on_structural: ManipulationLevel::DependsOnData, on_nonstructural: ManipulationLevel::DependsOnData,
            keeps_same_surgical_procedure: false, ends_same_surgical_procedure: false, eu_annex_i: true, eu_named_substantial: false, citation: MMHU,
        };
        /// Spinning in a centrifuge to concentrate cells or remove fluid and debris, as in bone
        /// marrow concentrate (BMAC) or decanting lipoaspirate. Minimal manipulation; whether it
        /// keeps an HCT/P "such HCT/P" under 21 CFR 1271.15(b) is left open: it is not rinsing,
        /// cleansing, sizing or shaping, and the Ninth Circuit (2024) requires the removed and
        /// implanted HCT/P to be the same.
        Centrifugation => "centrifugation", "centrifugation / concentration", StepInfo {
            on_structural: ManipulationLevel::Minimal, on_nonstructural: ManipulationLevel::Minimal,
            keeps_same_surgical_procedure: false, ends_same_surgical_procedure: false, eu_annex_i: true, eu_named_substantial: false,
            citation: "FDA MM/HU guidance (2017, rev. 2020) (minimal manipulation); Regulation (EC) No 1394/2007 Annex I (centrifugation); same surgical procedure exception open: US v. California Stem Cell Treatment Center, Inc., No. 22-56014 (9th Cir. 27 Sep 2024), cert. denied No. 24-1189 (14 Oct 2025)",
        };
        /// Separating cells by density gradient (e.g. Ficoll) to isolate mononuclear cells.
        DensityGradientSeparation => "density_gradient_separation", "density-gradient separation", StepInfo {
            on_structural: ManipulationLevel::MoreThanMinimal, on_nonstructural: ManipulationLevel::Minimal,
            keeps_same_surgical_procedure: false, ends_same_surgical_procedure: false, eu_annex_i: true, eu_named_substantial: false, citation: MMHU,
        };
        /// Isolating or selecting cells from a tissue (by any method: enzymes, mechanical
        /// disruption, selection columns), so that the cells rather than the tissue are the
        /// product. For structural tissue the structural definition applies "regardless of the
        /// method used to isolate the cells" (MM/HU guidance Q14), and for adipose tissue FDA
        /// calls it more than minimal (Example 14-1); selecting blood-forming cells from mobilized
        /// peripheral blood collected by apheresis is minimal (Example 16-1(a)), and the crate
        /// applies the nonstructural rule of 1271.3(f)(2) to other blood-forming tissue.
        CellIsolation => "cell_isolation", "cell isolation / selection", StepInfo {
            on_structural: ManipulationLevel::DependsOnData, on_nonstructural: ManipulationLevel::Minimal,
            keeps_same_surgical_procedure: false, ends_same_surgical_procedure: true, eu_annex_i: true, eu_named_substantial: false,
            citation: "FDA MM/HU guidance Q14 and Example 14-1 (cells isolated from adipose tissue); Example 16-1(a) (cell selection from mobilized peripheral blood apheresis: minimal); Regulation (EC) No 1394/2007 Annex I (cell separation, concentration or purification)",
        };
        /// Filtering.
        Filtering => "filtering", "filtering", StepInfo {
            on_structural: ManipulationLevel::DependsOnData, on_nonstructural: ManipulationLevel::Minimal,
            keeps_same_surgical_procedure: false, ends_same_surgical_procedure: false, eu_annex_i: true, eu_named_substantial: false, citation: MMHU,
        };
        /// Digesting tissue with enzymes (e.g. collagenase) to free cells, as in making SVF from
        /// fat. More than minimal for structural tissue (MM/HU Example 14-1; *US v. US Stem Cell
        /// Clinic*, 11th Cir. 2021); substantial in the EU.
        EnzymaticDigestion => "enzymatic_digestion", "enzymatic digestion", StepInfo {
            on_structural: ManipulationLevel::MoreThanMinimal, on_nonstructural: ManipulationLevel::MoreThanMinimal,
            keeps_same_surgical_procedure: false, ends_same_surgical_procedure: true, eu_annex_i: false, eu_named_substantial: true,
            citation: "FDA MM/HU guidance Example 14-1; US v. US Stem Cell Clinic, 998 F.3d 1302 (11th Cir. 2021)",
        };
        /// Breaking up tissue mechanically (e.g. micro-fragmenting fat). Disruption "to isolate
        /// cellular components" of fat is more than minimal (MM/HU Example 14-1); fat
        /// micro-fragmented into tissue clusters is not that example.
        MechanicalDisruption => "mechanical_disruption", "mechanical disruption / micro-fragmentation", StepInfo {
            on_structural: ManipulationLevel::DependsOnData, on_nonstructural: ManipulationLevel::DependsOnData,
            keeps_same_surgical_procedure: false, ends_same_surgical_procedure: false, eu_annex_i: false, eu_named_substantial: false, citation: MMHU,
        };
        /// Growing cells in the laboratory to multiply them ("expansion"), over passages. Alters
        /// "multipotency and capacity for self-renewal" (MM/HU Example 16-1(c)); the source texts warn
        /// that cells expanded too long "get tired" and lose potency.
        CultureExpansion => "culture_expansion", "culture expansion", StepInfo {
            on_structural: ManipulationLevel::MoreThanMinimal, on_nonstructural: ManipulationLevel::MoreThanMinimal,
            keeps_same_surgical_procedure: false, ends_same_surgical_procedure: true, eu_annex_i: false, eu_named_substantial: true,
            citation: "FDA MM/HU guidance Q4, Examples 14-1 (adipose cells 'with or without subsequent cell culture or expansion') and 16-1(c) (expansion); US v. Regenerative Sciences, 741 F.3d 1314 (D.C. Cir. 2014)",
        };
        /// Freezing for storage with a cryoprotectant, below −135 °C.
        Cryopreservation => "cryopreservation", "cryopreservation", StepInfo {
            on_structural: ManipulationLevel::Minimal, on_nonstructural: ManipulationLevel::Minimal,
            keeps_same_surgical_procedure: false, ends_same_surgical_procedure: false, eu_annex_i: true, eu_named_substantial: false, citation: MMHU,
        };
        /// Freeze-drying. Kills cells, so it alters cells' biological characteristics.
        Lyophilization => "lyophilization", "lyophilization (freeze-drying)", StepInfo {
            on_structural: ManipulationLevel::DependsOnData, on_nonstructural: ManipulationLevel::MoreThanMinimal,
            keeps_same_surgical_procedure: false, ends_same_surgical_procedure: false, eu_annex_i: true, eu_named_substantial: false, citation: MMHU,
        };
        /// Removing cells from a tissue to leave its matrix.
        Decellularization => "decellularization", "decellularization", StepInfo {
            on_structural: ManipulationLevel::DependsOnData, on_nonstructural: ManipulationLevel::MoreThanMinimal,
            keeps_same_surgical_procedure: false, ends_same_surgical_procedure: false, eu_annex_i: false, eu_named_substantial: false, citation: MMHU,
        };
        /// Terminal sterilization, e.g. by gamma irradiation.
        Sterilization => "sterilization", "sterilization / irradiation", StepInfo {
            on_structural: ManipulationLevel::DependsOnData, on_nonstructural: ManipulationLevel::MoreThanMinimal,
            keeps_same_surgical_procedure: false, ends_same_surgical_procedure: false, eu_annex_i: true, eu_named_substantial: false, citation: MMHU,
        };
        /// Changing the cells' genes, even transiently (e.g. Akuugo's SB623 cells).
        GeneticModification => "genetic_modification", "genetic modification", StepInfo {
            on_structural: ManipulationLevel::MoreThanMinimal, on_nonstructural: ManipulationLevel::MoreThanMinimal,
            keeps_same_surgical_procedure: false, ends_same_surgical_procedure: true, eu_annex_i: false, eu_named_substantial: true, citation: MMHU,
        };
        /// Activating or "priming" cells, e.g. with interferon-gamma, to change their behaviour.
        /// Alters the "differentiation and activation state".
        ActivationPriming => "activation_priming", "activation / priming", StepInfo {
            on_structural: ManipulationLevel::MoreThanMinimal, on_nonstructural: ManipulationLevel::MoreThanMinimal,
            keeps_same_surgical_procedure: false, ends_same_surgical_procedure: true, eu_annex_i: false, eu_named_substantial: false, citation: MMHU,
        };
        /// A step the document names that the crate cannot classify. Never assumed harmless.
        Unclassified => "unclassified", "unclassified step", StepInfo {
            on_structural: ManipulationLevel::Unjudged, on_nonstructural: ManipulationLevel::Unjudged,
            keeps_same_surgical_procedure: false, ends_same_surgical_procedure: false, eu_annex_i: false, eu_named_substantial: false,
            citation: "21 CFR 1271.3(f); FDA MM/HU guidance: without data, processing is more than minimal",
        };
    }
}

impl ProcessingStep {
    /// FDA's judgement of this step for a tissue of the given class: the general rule, used
    /// when no FDA example concerns the tissue itself (see [`ProcessingStep::effect_on`]).
    #[must_use]
    pub const fn level_for(self, class: crate::FdaTissueClass) -> ManipulationLevel {
        match class {
            crate::FdaTissueClass::Structural => self.info().on_structural,
            crate::FdaTissueClass::CellsOrNonstructural => self.info().on_nonstructural,
        }
    }

    /// **FDA's judgement of this step on one tissue**: the row of
    /// [`TISSUE_STEP_EXAMPLES`] for the (tissue, step) pair when FDA's guidance has a worked
    /// example for it, otherwise the general rule for the tissue's class
    /// ([`ProcessingStep::level_for`]). `None` when neither exists (a tissue FDA's guidance does
    /// not classify, with no example).
    ///
    /// The same step can differ by tissue: removing cells from amniotic membrane keeps its
    /// barrier function (Example 11-2), while removing them from fat destroys its bulk
    /// (Example 11-1) — "the same processing may alter the original relevant characteristics of
    /// a different structural tissue" (MM/HU guidance Q11).
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::vocab::{ManipulationLevel, ProcessingStep, TissueSource};
    ///
    /// let step = ProcessingStep::Decellularization;
    /// let amnion = step.effect_on(TissueSource::AmnioticMembrane).unwrap();
    /// assert_eq!(amnion.level, ManipulationLevel::Minimal);
    /// assert_eq!(amnion.example, Some("Example 11-2"));
    /// let fat = step.effect_on(TissueSource::AdiposeTissue).unwrap();
    /// assert_eq!(fat.level, ManipulationLevel::MoreThanMinimal);
    /// // No example on cord tissue: the general rule for structural tissue applies.
    /// let cord = step.effect_on(TissueSource::UmbilicalCordTissue).unwrap();
    /// assert_eq!((cord.level, cord.example), (ManipulationLevel::DependsOnData, None));
    /// assert_eq!(step.effect_on(TissueSource::DentalPulp), None);
    /// ```
    #[must_use]
    pub fn effect_on(self, tissue: crate::TissueSource) -> Option<StepEffect> {
        if let Some(row) = TISSUE_STEP_EXAMPLES
            .iter()
            .find(|r| r.tissue == tissue && r.step == self)
        {
            return Some(StepEffect {
                level: row.level,
                example: Some(row.example),
                citation: row.citation,
            });
        }
        tissue.info().fda_class.map(|class| StepEffect {
            level: self.level_for(class),
            example: None,
            citation: self.info().citation,
        })
    }
}

/// **FDA's judgement of one processing step on one tissue**, as [`ProcessingStep::effect_on`]
/// finds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct StepEffect {
    /// How much the step manipulates the tissue.
    pub level: ManipulationLevel,
    /// The worked example of FDA's guidance the judgement comes from (`"Example 11-2"`), or
    /// `None` when it is the general rule for the tissue's class.
    pub example: Option<&'static str>,
    /// Where the judgement comes from.
    pub citation: &'static str,
}

/// **One worked example of FDA's guidance: a step applied to a named tissue, and FDA's view.**
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct TissueStepExample {
    /// The tissue the example concerns.
    pub tissue: crate::TissueSource,
    /// The processing step.
    pub step: ProcessingStep,
    /// FDA's view of it.
    pub level: ManipulationLevel,
    /// The example's number in the guidance.
    pub example: &'static str,
    /// The document and what the example says.
    pub citation: &'static str,
}

const fn example(
    tissue: crate::TissueSource,
    step: ProcessingStep,
    level: ManipulationLevel,
    example: &'static str,
    citation: &'static str,
) -> TissueStepExample {
    TissueStepExample {
        tissue,
        step,
        level,
        example,
        citation,
    }
}

/// **Every worked example of FDA's MM/HU guidance (2017, rev. 2020) that applies a processing
/// step to a tissue of the crate's vocabulary**, looked up by [`ProcessingStep::effect_on`]
/// before the tissue class's general rule.
///
/// The guidance's other examples concern tissues the vocabulary does not hold (bone 10-1,
/// fascia lata 10-3, skin 10-4 and 11-3, cartilage 12-1, ligament 12-2, mobilized peripheral
/// blood 16-1(a), whose cell selection is minimal); the classes' general rules are written to
/// agree with them. Example 14-1 concerns adipose tissue disrupted "to isolate cellular
/// components" (the stromal vascular fraction), so it is the row for cell isolation and
/// enzymatic digestion, not for fat micro-fragmented into tissue clusters, which the general
/// rule for structural tissue judges.
pub const TISSUE_STEP_EXAMPLES: &[TissueStepExample] = {
    use crate::TissueSource as T;
    use ManipulationLevel as L;
    use ProcessingStep as S;
    &[
        example(
            T::AdiposeTissue,
            S::Decellularization,
            L::MoreThanMinimal,
            "Example 11-1",
            "FDA MM/HU guidance (2017, rev. 2020), Example 11-1: adipose tissue reduced to its decellularized extracellular matrix loses its bulk and lipid storage capacity, so it is more than minimally manipulated",
        ),
        example(
            T::AdiposeTissue,
            S::EnzymaticDigestion,
            L::MoreThanMinimal,
            "Example 14-1",
            "FDA MM/HU guidance (2017, rev. 2020), Example 14-1: adipose tissue enzymatically digested to isolate the stromal vascular fraction is more than minimally manipulated",
        ),
        example(
            T::AdiposeTissue,
            S::CellIsolation,
            L::MoreThanMinimal,
            "Example 14-1",
            "FDA MM/HU guidance (2017, rev. 2020), Q14 and Example 14-1: cells isolated from adipose tissue, by whatever method, are more than minimally manipulated",
        ),
        example(
            T::AdiposeTissue,
            S::CultureExpansion,
            L::MoreThanMinimal,
            "Example 14-1",
            "FDA MM/HU guidance (2017, rev. 2020), Example 14-1: cellular components isolated from adipose tissue 'with or without subsequent cell culture or expansion' are more than minimally manipulated",
        ),
        example(
            T::AmnioticMembrane,
            S::Cryopreservation,
            L::Minimal,
            "Example 10-2(a)",
            "FDA MM/HU guidance (2017, rev. 2020), Example 10-2(a) and Q13: amniotic membrane preserved and packaged in sheets keeps its barrier characteristics, so it is minimally manipulated",
        ),
        example(
            T::AmnioticMembrane,
            S::SizingShaping,
            L::Minimal,
            "Example 10-2(a)",
            "FDA MM/HU guidance (2017, rev. 2020), Example 10-2(a): amniotic membrane packaged in sheets is minimally manipulated",
        ),
        example(
            T::AmnioticMembrane,
            S::Grinding,
            L::MoreThanMinimal,
            "Example 10-2(b)",
            "FDA MM/HU guidance (2017, rev. 2020), Example 10-2(b): amniotic membrane ground (and lyophilized) into particles loses its physical integrity, tensile strength and elasticity, so it is more than minimally manipulated",
        ),
        example(
            T::AmnioticMembrane,
            S::Decellularization,
            L::Minimal,
            "Example 11-2",
            "FDA MM/HU guidance (2017, rev. 2020), Example 11-2: amniotic tissue processed to remove the chorion and other cells keeps its barrier characteristics, so it is minimally manipulated",
        ),
        example(
            T::UmbilicalCordBlood,
            S::CultureExpansion,
            L::MoreThanMinimal,
            "Example 16-1(c)",
            "FDA MM/HU guidance (2017, rev. 2020), Example 16-1(c): hematopoietic stem/progenitor cells expanded in culture are more than minimally manipulated (culture alters their multipotency and capacity for self-renewal); the example concerns HPCs, and the crate applies it to the cord blood that holds them",
        ),
        example(
            T::BoneMarrow,
            S::CultureExpansion,
            L::MoreThanMinimal,
            "Example 16-1(c)",
            "FDA MM/HU guidance (2017, rev. 2020), Example 16-1(c): hematopoietic stem/progenitor cells expanded in culture are more than minimally manipulated (culture alters their multipotency and capacity for self-renewal); the example concerns HPCs, and the crate applies it to the bone marrow that holds them",
        ),
    ]
};

/// **What the crate knows about an added article**: one row of the [`AddedArticle`] table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct PreparationInfo {
    /// The product is meant to deliver living cells, so viability and cell counts must be shown.
    pub live_cells: bool,
    /// The cells were grown in culture as part of making it.
    pub culture_expanded: bool,
    /// The preparation holds no cells at all: a product secreted or extracted from cells
    /// (exosomes, conditioned medium), which 21 CFR 1271.3(d)(3) names among the products that
    /// are not HCT/Ps ("secreted or extracted human products, such as ... cell factors"). The
    /// one place the crate decides it: the US (`us.cfr1271.3.d`), EU, Japanese and offer rules and
    /// the FHIR export all read this column. Platelet-rich plasma (a blood product) and a
    /// secreted fluid (which may hold cells) are not cell-free in this sense; each has its own
    /// row and its own rule.
    pub cell_free: bool,
    /// Processing steps the preparation cannot be made without, judged even when a record's
    /// step list omits them: an SVF is isolated cells, a decellularized matrix has had its cells
    /// removed, a culture-expanded lot was cultured.
    pub implies: &'static [ProcessingStep],
}

const fn prep(
    live_cells: bool,
    culture_expanded: bool,
    implies: &'static [ProcessingStep],
) -> PreparationInfo {
    PreparationInfo {
        live_cells,
        culture_expanded,
        cell_free: false,
        implies,
    }
}

/// The row of a cell-free preparation: no live cells, no culture, no cells at all.
const CELL_FREE: PreparationInfo = PreparationInfo {
    live_cells: false,
    culture_expanded: false,
    cell_free: true,
    implies: &[],
};

const CULTURED: &[ProcessingStep] = &[ProcessingStep::CultureExpansion];

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
        CultureExpandedMsc => "culture_expanded_msc", "culture-expanded MSCs", prep(true, true, CULTURED);
        /// Bone marrow aspirate spun down at the bedside (BMAC / BMC).
        BoneMarrowConcentrate => "bone_marrow_concentrate", "bone marrow concentrate (BMAC)", prep(true, false, &[ProcessingStep::Centrifugation]);
        /// Bone marrow aspirate used as drawn.
        BoneMarrowAspirate => "bone_marrow_aspirate", "bone marrow aspirate", prep(true, false, &[]);
        /// Stromal vascular fraction: the cells freed from fat by enzymatic digestion.
        StromalVascularFraction => "stromal_vascular_fraction", "stromal vascular fraction (SVF)", prep(true, false, &[ProcessingStep::CellIsolation]);
        /// Fat broken into small clusters mechanically, without enzymes.
        MicrofragmentedAdipose => "microfragmented_adipose", "micro-fragmented adipose tissue", prep(true, false, &[ProcessingStep::MechanicalDisruption]);
        /// Fat moved from one place to another (fat grafting, lipofilling).
        FatGraft => "fat_graft", "fat graft", prep(true, false, &[]);
        /// An amniotic, placental or umbilical "allograft" from a tissue bank, often sold as
        /// containing stem cells.
        PerinatalAllograft => "perinatal_allograft", "perinatal (amniotic / umbilical) allograft", prep(true, false, &[]);
        /// A unit of umbilical cord blood for transplantation.
        CordBloodUnit => "cord_blood_unit", "cord blood unit", prep(true, false, &[]);
        /// A sheet or membrane of tissue laid on a wound.
        TissueSheet => "tissue_sheet", "tissue sheet / membrane", prep(false, false, &[]);
        /// Exosomes or other extracellular vesicles, with no cells.
        ExtracellularVesicles => "extracellular_vesicles", "exosomes / extracellular vesicles (cell-free)", CELL_FREE;
        /// Conditioned medium or "secretome", with no cells.
        ConditionedMedium => "conditioned_medium", "conditioned medium / secretome (cell-free)", CELL_FREE;
        /// Platelet-rich plasma (PRP): the patient's blood spun to concentrate platelets. A blood
        /// product, so not an HCT/P at all (21 CFR 1271.3(d)(2); FDA MM/HU guidance, section V.A).
        /// Holds no MSCs; listed so that PRP offers can be recognised and classified.
        PlateletRichPlasma => "platelet_rich_plasma", "platelet-rich plasma (PRP)", prep(false, false, &[]);
        /// A tissue's extracellular matrix with its cells removed, e.g. decellularized adipose
        /// matrix (FDA MM/HU guidance Example 11-1) or decellularized amnion (Example 11-2).
        DecellularizedMatrix => "decellularized_matrix", "decellularized matrix", prep(false, false, &[ProcessingStep::Decellularization]);
        /// Cells other than MSCs grown in the laboratory, e.g. chondrocytes or keratinocytes, or
        /// blood-forming cells expanded in culture (FDA MM/HU guidance Example 16-1(b)-(c)).
        CulturedCells => "cultured_cells", "cultured cells (not MSCs)", prep(true, true, CULTURED);
        /// A secreted body fluid itself, with no cells isolated from it — e.g. amniotic fluid.
        /// "Secreted body fluids (e.g., amniotic fluid) are generally not considered HCT/Ps";
        /// cells isolated from them are (FDA MM/HU guidance, section III.C, Q15).
        SecretedFluid => "secreted_fluid", "secreted body fluid (no isolated cells)", prep(false, false, &[]);
    }
}
