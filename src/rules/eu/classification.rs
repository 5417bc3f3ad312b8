//! The EU classifications and the judgement of manipulation (Regulation (EC) No 1394/2007).

use super::*;
use crate::rules::offer::Pathway;

/// **What the crate knows about an EU classification**: one row of the [`EuClassification`]
/// table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct EuClassificationInfo {
    /// What the classification requires before the product may be marketed or given, as the
    /// patient's checklist reads it.
    pub(crate) pathway: Pathway,
}

const fn requires(pathway: Pathway) -> EuClassificationInfo {
    EuClassificationInfo { pathway }
}

vocab! {
    /// **Where EU law places a product**: not an ATMP (and under which tissues-and-cells regime),
    /// or an ATMP of a given class.
    ///
    /// An *ATMP* (advanced therapy medicinal product, Regulation (EC) No 1394/2007) needs a
    /// central marketing authorisation from the European Commission on the EMA's opinion, or the
    /// hospital exemption. Its classes are the *tissue engineered product* (TEP: regenerates,
    /// repairs or replaces a tissue), the *somatic cell therapy medicinal product* (sCTMP: treats
    /// a disease through the pharmacological, immunological or metabolic action of its cells) and
    /// the *gene therapy medicinal product* (GTMP).
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::engine::eu::EuClassification;
    ///
    /// let class: EuClassification = "somatic_cell_therapy".parse()?;
    /// assert_eq!(class, EuClassification::SomaticCellTherapy);
    /// assert_eq!(class.is_atmp(), Some(true));
    /// assert_eq!(EuClassification::Undetermined.is_atmp(), None);
    /// # Ok::<(), msc_therapy::document::UnknownCode>(())
    /// ```
    #[non_exhaustive]
    pub enum EuClassification: EuClassificationInfo {
        /// Not engineered, so not an ATMP: human tissues and cells under Directive 2004/23/EC
        /// (the SoHO Regulation (EU) 2024/1938 from 7 August 2027).
        NotAtmpTissuesAndCells => "not_atmp_tissues_and_cells", "not an ATMP: human tissues and cells (Directive 2004/23/EC)", requires(Pathway::TissueRules);
        /// Not engineered, and an autologous graft used within the same surgical procedure:
        /// excluded even from Directive 2004/23/EC (Art 2(2)(a)).
        ExcludedAutologousSameProcedure => "excluded_autologous_same_procedure", "not an ATMP: autologous graft within the same surgical procedure (excluded from Directive 2004/23/EC)", requires(Pathway::Excepted);
        /// Not engineered: a substance of human origin under the SoHO Regulation (EU) 2024/1938,
        /// which applies from 7 August 2027 and replaces Directive 2004/23/EC. A SoHO preparation
        /// needs a SoHO preparation authorisation (Art 38(1)), even an autologous one prepared
        /// and immediately applied within one procedure: the same-procedure exclusion of the
        /// Directive has no counterpart.
        NotAtmpSoho => "not_atmp_soho", "not an ATMP: substance of human origin (Regulation (EU) 2024/1938), needs a SoHO preparation authorisation", requires(Pathway::TissueRules);
        /// ATMP: tissue engineered product.
        TissueEngineeredProduct => "tissue_engineered_product", "ATMP: tissue engineered product (TEP)", requires(Pathway::Authorisation);
        /// ATMP: somatic cell therapy medicinal product.
        SomaticCellTherapy => "somatic_cell_therapy", "ATMP: somatic cell therapy medicinal product (sCTMP)", requires(Pathway::Authorisation);
        /// ATMP: gene therapy medicinal product (the cells were genetically modified).
        GeneTherapy => "gene_therapy", "ATMP: gene therapy medicinal product (GTMP)", requires(Pathway::Authorisation);
        /// Engineered, so an ATMP, but its class is open: it fits both the TEP and the sCTMP
        /// definition, or no claimed purpose points to either.
        AtmpClassUndetermined => "atmp_class_undetermined", "ATMP, class undetermined", requires(Pathway::Authorisation);
        /// Whether it is an ATMP at all cannot be decided on the facts given.
        Undetermined => "undetermined", "undetermined", requires(Pathway::Undetermined);
    }
}

impl EuClassification {
    /// `Some(true)` for the ATMP classes, `Some(false)` for the two "not an ATMP" outcomes and
    /// `None` when undetermined.
    #[must_use]
    pub const fn is_atmp(self) -> Option<bool> {
        match self {
            Self::TissueEngineeredProduct
            | Self::SomaticCellTherapy
            | Self::GeneTherapy
            | Self::AtmpClassUndetermined => Some(true),
            Self::NotAtmpTissuesAndCells
            | Self::ExcludedAutologousSameProcedure
            | Self::NotAtmpSoho => Some(false),
            Self::Undetermined => None,
        }
    }
}

vocab! {
    /// **How EU law judges one processing step** for the first "engineered" criterion of
    /// Regulation (EC) No 1394/2007 Art 2(1)(c): is it a *substantial manipulation*?
    ///
    /// Art 2(1)(c), first indent, makes cells engineered when they "have been subject to
    /// substantial manipulation, so that biological characteristics, physiological functions or
    /// structural properties relevant for the intended regeneration, repair or replacement are
    /// achieved", and adds: "The manipulations listed in Annex I, in particular, shall not be
    /// considered as substantial manipulations". Annex I lists thirteen: cutting, grinding,
    /// shaping, centrifugation, soaking in antibiotic or antimicrobial solutions, sterilization,
    /// irradiation, cell separation, concentration or purification, filtering, lyophilization,
    /// freezing, cryopreservation, vitrification. "In particular" means the list is not
    /// exhaustive, so a step outside it is judged by the definition itself. Each
    /// [`ProcessingStep`] has one answer ([`ProcessingStep::eu_manipulation`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::engine::eu::EuManipulation;
    /// use msc_therapy::vocab::ProcessingStep;
    ///
    /// assert_eq!(ProcessingStep::Centrifugation.eu_manipulation(), EuManipulation::AnnexI);
    /// assert_eq!(ProcessingStep::Rinsing.eu_manipulation(), EuManipulation::AchievesNoProperty);
    /// assert_eq!(ProcessingStep::CultureExpansion.eu_manipulation(), EuManipulation::Substantial);
    /// assert_eq!(EuManipulation::ForTheCat.is_substantial(), None);
    /// assert_eq!(EuManipulation::LikeCuttingAndGrinding.is_substantial(), Some(false));
    /// ```
    #[non_exhaustive]
    pub enum EuManipulation {
        /// Listed in Annex I: not a substantial manipulation.
        AnnexI => "annex_i", "listed in Annex I: not substantial";
        /// Mechanical fragmentation of tissue (e.g. micro-fragmented fat): not listed by name,
        /// but it is the kind of manipulation Annex I lists as cutting and grinding, which
        /// reduce tissue to smaller pieces without changing its cells; judged as those.
        LikeCuttingAndGrinding => "like_cutting_and_grinding", "mechanical fragmentation, judged as Annex I's cutting and grinding: not substantial";
        /// Rinsing or washing: not listed, but it achieves none of the properties Art 2(1)(c)
        /// names (no biological characteristic, physiological function or structural property
        /// relevant for regeneration, repair or replacement), and is milder than Annex I's
        /// "soaking in antibiotic or antimicrobial solutions" and "cell separation,
        /// concentration or purification". Not substantial.
        AchievesNoProperty => "achieves_no_property", "achieves none of the properties of Art 2(1)(c): not substantial";
        /// A substantial manipulation: cell culture and collagenase digestion (EMA's view as
        /// reported by Raposio & Ciliberti, Ann Med Surg 2017), genetic modification.
        Substantial => "substantial", "substantial manipulation";
        /// Outside Annex I and not settled by a cited source (activation, decellularisation, an
        /// unclassified step): whether it is substantial is for the CAT (Art 17).
        ForTheCat => "for_the_cat", "outside Annex I, unsettled: for the CAT";
    }
}

impl EuManipulation {
    /// `Some(true)` for a substantial manipulation, `Some(false)` for the three kinds that are
    /// not, `None` when it is left to the CAT.
    #[must_use]
    pub const fn is_substantial(self) -> Option<bool> {
        match self {
            Self::Substantial => Some(true),
            Self::AnnexI | Self::LikeCuttingAndGrinding | Self::AchievesNoProperty => Some(false),
            Self::ForTheCat => None,
        }
    }
}

impl ProcessingStep {
    /// **How EU law judges this step** under Regulation (EC) No 1394/2007 Art 2(1)(c), first
    /// indent, and Annex I: one row per step (see [`EuManipulation`]). Agrees with
    /// [`crate::StepInfo::eu_annex_i`] and [`crate::StepInfo::eu_named_substantial`].
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::engine::eu::EuManipulation;
    /// use msc_therapy::vocab::ProcessingStep;
    ///
    /// assert_eq!(
    ///     ProcessingStep::MechanicalDisruption.eu_manipulation(),
    ///     EuManipulation::LikeCuttingAndGrinding
    /// );
    /// assert_eq!(ProcessingStep::Unclassified.eu_manipulation(), EuManipulation::ForTheCat);
    /// ```
    #[must_use]
    pub const fn eu_manipulation(self) -> EuManipulation {
        match self {
            Self::Cutting
            | Self::SizingShaping
            | Self::Grinding
            | Self::Centrifugation
            | Self::DensityGradientSeparation
            | Self::Filtering
            | Self::CellIsolation
            | Self::Cryopreservation
            | Self::Lyophilization
            | Self::Sterilization => EuManipulation::AnnexI,
            Self::MechanicalDisruption => EuManipulation::LikeCuttingAndGrinding,
            Self::Rinsing => EuManipulation::AchievesNoProperty,
            Self::EnzymaticDigestion | Self::CultureExpansion | Self::GeneticModification => {
                EuManipulation::Substantial
            }
            Self::Decellularization | Self::ActivationPriming | Self::Unclassified => {
                EuManipulation::ForTheCat
            }
        }
    }
}
