//! Source tissues and the functions tissues perform.

use crate::table::vocab;

vocab! {
    /// **How FDA classifies a tissue for the minimal-manipulation test of 21 CFR 1271.3(f).**
    ///
    /// FDA decides this "based on the characteristics of the HCT/P in the donor, before recovery
    /// and before any processing", and a tissue is one or the other, never both (MM/HU guidance,
    /// 2017, rev. 2020, section III). Cells isolated from a structural tissue are judged by the
    /// structural definition, "regardless of the method used to isolate the cells" (Q14).
    pub enum FdaTissueClass {
        /// Tissue that physically supports or serves as a barrier or conduit, or connects, covers
        /// or cushions (bone, skin, adipose tissue, amniotic membrane, umbilical cord). Minimal
        /// manipulation means processing that keeps "the original relevant characteristics of the
        /// tissue relating to the tissue's utility for reconstruction, repair, or replacement".
        Structural => "structural", "structural tissue";
        /// Cells or tissue serving metabolic or other biochemical roles, such as hematopoietic,
        /// immune and endocrine functions (bone marrow, cord blood). Minimal manipulation means
        /// processing that keeps "the relevant biological characteristics of cells or tissues".
        CellsOrNonstructural => "cells_or_nonstructural", "cells or nonstructural tissue";
    }
}

vocab! {
    /// **A function that a tissue performs, in the donor or intended in the recipient.**
    ///
    /// The US homologous-use test (21 CFR 1271.3(c)) compares the function a product is meant to
    /// perform in the recipient with the *basic* functions of its source tissue in the donor —
    /// "what it does from a biological/physiological point of view … when in its native state".
    /// The first group below are such basic functions; the second are therapeutic aims that
    /// products claim and that no source tissue performs in the donor.
    #[non_exhaustive]
    pub enum TissueFunction {
        /// Forming blood and immune cells (bone marrow, cord blood).
        Hematopoiesis => "hematopoiesis", "forming blood cells";
        /// Physically supporting other tissue.
        Support => "support", "physical support";
        /// Cushioning against pressure or impact (adipose tissue, Wharton's jelly).
        Cushioning => "cushioning", "cushioning";
        /// Covering a surface (amniotic membrane over the fetus, skin).
        Covering => "covering", "covering";
        /// Acting as a barrier between compartments.
        Barrier => "barrier", "barrier";
        /// Acting as a conduit, as the umbilical cord's vessels do between fetus and placenta.
        Conduit => "conduit", "conduit";
        /// Storing energy as lipid (adipose tissue).
        EnergyStorage => "energy_storage", "energy (lipid) storage";
        /// Connecting one structure to another, as a tendon joins muscle to bone or a ligament
        /// bone to bone (MM/HU guidance Examples 12-2 and 20-1(b)).
        Connection => "connection", "connecting (tendon, ligament)";
        /// Reducing friction between moving surfaces, as articular cartilage and synovial fluid
        /// do in a joint (MM/HU guidance Example 12-1).
        Lubrication => "lubrication", "reducing friction (joint surfaces)";
        /// Contracting to move the body or pump blood (skeletal and heart muscle).
        Contraction => "contraction", "contraction (muscle)";
        /// Carrying nerve signals (brain, spinal cord, nerves).
        NerveConduction => "nerve_conduction", "carrying nerve signals";
        /// Exchanging oxygen and carbon dioxide (the lung).
        GasExchange => "gas_exchange", "gas exchange (lung)";
        /// Regenerating or repairing cartilage, bone, tendon or other musculoskeletal tissue.
        MusculoskeletalRepair => "musculoskeletal_repair", "musculoskeletal tissue repair";
        /// Calming inflammation or re-balancing the immune system.
        Immunomodulation => "immunomodulation", "immunomodulation / anti-inflammation";
        /// Healing a wound or ulcer from within (as opposed to covering it).
        WoundHealing => "wound_healing", "wound healing";
        /// Growing new blood vessels.
        Angiogenesis => "angiogenesis", "forming new blood vessels";
        /// Protecting or restoring nerve tissue.
        NeuralRepair => "neural_repair", "nerve repair";
        /// Repairing heart muscle.
        CardiacRepair => "cardiac_repair", "heart muscle repair";
        /// General "regeneration" or "anti-ageing" with no named tissue.
        GeneralRegeneration => "general_regeneration", "general regeneration / anti-ageing";
    }
}

/// **What the crate knows about a source tissue**: one row of the [`TissueSource`] table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct TissueInfo {
    /// FDA's class for the minimal-manipulation test, or `None` where FDA's guidance does not
    /// classify the tissue (the US rules then answer "undetermined" rather than guess).
    pub fda_class: Option<FdaTissueClass>,
    /// The tissue's basic function(s) in the donor, for the homologous-use test.
    pub basic_functions: &'static [TissueFunction],
    /// Recovered at birth (umbilical cord, placenta, amnion, amniotic fluid, cord blood).
    pub perinatal: bool,
    /// A secreted body fluid: "generally not considered HCT/Ps", though cells isolated from it
    /// are (MM/HU guidance, section III).
    pub secreted_fluid: bool,
    /// UBERON anatomy term for the tissue.
    pub uberon: &'static str,
    /// Cell Ontology term for MSCs of this tissue, where one exists.
    pub cell_ontology: Option<&'static str>,
    /// ICCBBA–ISCT abbreviation for MSCs of this tissue (Viswanathan et al. 2021), where defined.
    pub isbt_abbreviation: Option<&'static str>,
    /// Where the classification and functions come from.
    pub citation: &'static str,
}

const MMHU: &str = "FDA, Regulatory Considerations for HCT/Ps: Minimal Manipulation and Homologous Use (Nov 2017, rev. Jul 2020), section III and Q14";

vocab! {
    /// **The tissue that MSCs (or a tissue product) come from.**
    ///
    /// MSC-like cells can be grown from many tissues; the sources in clinical use are bone marrow,
    /// fat (adipose tissue) and birth ("perinatal") tissues — umbilical cord and its Wharton's
    /// jelly, cord blood, placenta, amniotic membrane and amniotic fluid. The source decides how
    /// US law judges processing ([`TissueInfo::fda_class`]) and which uses are homologous
    /// ([`TissueInfo::basic_functions`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::vocab::{FdaTissueClass, TissueSource};
    ///
    /// let wj: TissueSource = "whartons_jelly".parse()?;
    /// assert_eq!(wj, TissueSource::WhartonsJelly);
    /// assert_eq!(wj.label(), "Wharton's jelly");
    /// assert_eq!(wj.info().fda_class, Some(FdaTissueClass::Structural));
    /// assert_eq!(TissueSource::BoneMarrow.info().fda_class, Some(FdaTissueClass::CellsOrNonstructural));
    /// # Ok::<(), msc_therapy::document::UnknownCode>(())
    /// ```
    #[non_exhaustive]
    pub enum TissueSource: TissueInfo {
        /// Bone marrow, usually aspirated from the iliac crest (hip bone). The classic MSC source
        /// and the source of the first approved MSC drugs (Prochymal, Temcell, Ryoncil). FDA treats
        /// it as nonstructural (its basic function is hematopoietic); minimally manipulated marrow
        /// for homologous use is not even an HCT/P (21 CFR 1271.3(d)(4)).
        BoneMarrow => "bone_marrow", "bone marrow", TissueInfo {
            fda_class: Some(FdaTissueClass::CellsOrNonstructural),
            basic_functions: &[TissueFunction::Hematopoiesis],
            perinatal: false, secreted_fluid: false,
            uberon: "UBERON:0002371", cell_ontology: Some("CL:0002540"),
            isbt_abbreviation: Some("MSC(M)"), citation: MMHU,
        };
        /// Adipose tissue (fat), usually obtained by liposuction. FDA calls it structural: its
        /// relevant characteristics are "bulk and lipid storage capacity", and it cushions and
        /// supports. Its stromal vascular fraction (SVF) is the cell mix left after digesting fat.
        AdiposeTissue => "adipose_tissue", "adipose tissue (fat)", TissueInfo {
            fda_class: Some(FdaTissueClass::Structural),
            basic_functions: &[TissueFunction::Cushioning, TissueFunction::Support, TissueFunction::EnergyStorage],
            perinatal: false, secreted_fluid: false,
            uberon: "UBERON:0001013", cell_ontology: Some("CL:0002570"),
            isbt_abbreviation: Some("MSC(AT)"), citation: MMHU,
        };
        /// Umbilical cord tissue as a whole (vessels, Wharton's jelly and lining). Structural: the
        /// guidance names "amniotic membrane and umbilical cord" among structural tissues.
        UmbilicalCordTissue => "umbilical_cord_tissue", "umbilical cord tissue", TissueInfo {
            fda_class: Some(FdaTissueClass::Structural),
            basic_functions: &[TissueFunction::Conduit, TissueFunction::Cushioning, TissueFunction::Support],
            perinatal: true, secreted_fluid: false,
            uberon: "UBERON:0002331", cell_ontology: Some("CL:0002569"),
            isbt_abbreviation: None, citation: MMHU,
        };
        /// Wharton's jelly: the gelatinous connective tissue that surrounds and cushions the
        /// umbilical cord's vessels. The guidance never names it; it is part of the umbilical cord,
        /// which is structural, so cells isolated from it are judged as structural tissue (Q14).
        WhartonsJelly => "whartons_jelly", "Wharton's jelly", TissueInfo {
            fda_class: Some(FdaTissueClass::Structural),
            basic_functions: &[TissueFunction::Cushioning, TissueFunction::Support],
            perinatal: true, secreted_fluid: false,
            uberon: "UBERON:0003422", cell_ontology: Some("CL:0002568"),
            isbt_abbreviation: Some("MSC(WJ)"), citation: MMHU,
        };
        /// Umbilical cord blood, rich in blood-forming (hematopoietic) stem cells. Nonstructural.
        /// Licensed cord-blood products (HEMACORD, 2011) are 351 biologics for blood reconstitution.
        UmbilicalCordBlood => "umbilical_cord_blood", "umbilical cord blood", TissueInfo {
            fda_class: Some(FdaTissueClass::CellsOrNonstructural),
            basic_functions: &[TissueFunction::Hematopoiesis],
            perinatal: true, secreted_fluid: false,
            uberon: "UBERON:0012168", cell_ontology: None,
            isbt_abbreviation: Some("MSC(CB)"), citation: MMHU,
        };
        /// Placenta and its membranes. Treated as structural, as placental membranes are; the
        /// guidance does not list the placenta as a whole.
        Placenta => "placenta", "placenta", TissueInfo {
            fda_class: Some(FdaTissueClass::Structural),
            basic_functions: &[TissueFunction::Barrier, TissueFunction::Covering],
            perinatal: true, secreted_fluid: false,
            uberon: "UBERON:0001987", cell_ontology: Some("CL:2000061"),
            isbt_abbreviation: None, citation: MMHU,
        };
        /// Amniotic membrane (amnion), the inner sac around the fetus. Structural; its basic
        /// functions are covering and barrier, so use as a wound covering is homologous while
        /// injection to reduce inflammation is not (MM/HU guidance examples).
        AmnioticMembrane => "amniotic_membrane", "amniotic membrane", TissueInfo {
            fda_class: Some(FdaTissueClass::Structural),
            basic_functions: &[TissueFunction::Covering, TissueFunction::Barrier],
            perinatal: true, secreted_fluid: false,
            uberon: "UBERON:0000305", cell_ontology: Some("CL:0002537"),
            isbt_abbreviation: None, citation: MMHU,
        };
        /// Chorionic membrane (chorion), the outer fetal membrane. A barrier and covering like
        /// the amnion.
        ChorionicMembrane => "chorionic_membrane", "chorionic membrane", TissueInfo {
            fda_class: Some(FdaTissueClass::Structural),
            basic_functions: &[TissueFunction::Barrier, TissueFunction::Covering],
            perinatal: true, secreted_fluid: false,
            uberon: "UBERON:0003124", cell_ontology: Some("CL:0002541"),
            isbt_abbreviation: None, citation: MMHU,
        };
        /// Amniotic fluid, which cushions the fetus. A secreted body fluid, generally not an
        /// HCT/P; cells isolated from it are, judged by the nonstructural definition.
        AmnioticFluid => "amniotic_fluid", "amniotic fluid", TissueInfo {
            fda_class: Some(FdaTissueClass::CellsOrNonstructural),
            basic_functions: &[TissueFunction::Cushioning],
            perinatal: true, secreted_fluid: true,
            uberon: "UBERON:0000173", cell_ontology: None,
            isbt_abbreviation: None, citation: MMHU,
        };
        /// Dental pulp, the soft tissue inside teeth. FDA's guidance does not classify it.
        DentalPulp => "dental_pulp", "dental pulp", TissueInfo {
            fda_class: None,
            basic_functions: &[],
            perinatal: false, secreted_fluid: false,
            uberon: "UBERON:0001754", cell_ontology: Some("CL:4030035"),
            isbt_abbreviation: None, citation: "FDA's MM/HU guidance does not classify dental pulp",
        };
        /// Synovial membrane, the lining of joints. FDA's guidance does not classify it.
        SynovialMembrane => "synovial_membrane", "synovial membrane", TissueInfo {
            fda_class: None,
            basic_functions: &[],
            perinatal: false, secreted_fluid: false,
            uberon: "UBERON:0002018", cell_ontology: None,
            isbt_abbreviation: None, citation: "FDA's MM/HU guidance does not classify synovial membrane",
        };
        /// Endometrium, including cells shed in menstrual blood. FDA's guidance does not classify it.
        /// The Cell Ontology has no term for endometrial MSCs (the nearest is CL:0002255,
        /// "stromal cell of endometrium").
        Endometrium => "endometrium", "endometrium / menstrual blood", TissueInfo {
            fda_class: None,
            basic_functions: &[],
            perinatal: false, secreted_fluid: false,
            uberon: "UBERON:0001295", cell_ontology: None,
            isbt_abbreviation: None, citation: "FDA's MM/HU guidance does not classify endometrium",
        };
    }
}

vocab! {
    /// **Who the cells come from, relative to the patient who receives them.**
    ///
    /// *Autologous* cells are the patient's own; *allogeneic* cells come from another person. US
    /// law treats a first- or second-degree blood relative like the patient for 21 CFR
    /// 1271.10(a)(4)(ii)(b); it does not define which relatives those are, so a record says which
    /// degree applies rather than naming the relative. *Xenogeneic* cells come from an animal and
    /// are not HCT/Ps at all (1271.3(d)(6)).
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::vocab::Donor;
    ///
    /// assert!(Donor::Autologous.is_autologous());
    /// assert!(!Donor::AllogeneicUnrelated.is_autologous());
    /// // "For allogeneic use": another person, relation not stated.
    /// let stated: Donor = "allogeneic".parse()?;
    /// assert!(stated.is_allogeneic() && !stated.is_blood_relative() && !stated.relation_known());
    /// assert_eq!(Donor::AllogeneicUnrelated.to_string(), "allogeneic_unrelated");
    /// # Ok::<(), msc_therapy::document::UnknownCode>(())
    /// ```
    #[non_exhaustive]
    pub enum Donor {
        /// The patient's own cells.
        Autologous => "autologous", "autologous (the patient's own cells)";
        /// Another person who is the patient's first-degree blood relative (parent, child, sibling).
        AllogeneicFirstDegreeRelative => "allogeneic_first_degree_relative", "allogeneic, first-degree blood relative";
        /// Another person who is the patient's second-degree blood relative.
        AllogeneicSecondDegreeRelative => "allogeneic_second_degree_relative", "allogeneic, second-degree blood relative";
        /// Another person unrelated to the patient, or a pool of donors ("off-the-shelf" products).
        AllogeneicUnrelated => "allogeneic_unrelated", "allogeneic, unrelated donor";
        /// Another person, whose relation to the patient is not stated: what FDA's letters
        /// write when they say a product is "for allogeneic use". Not the patient's own cells,
        /// so never autologous; whether the donor is a first- or second-degree blood relative
        /// is unknown, so the rules read it the least favourable way wherever the relation
        /// matters (21 CFR 1271.10(a)(4)(ii)(b)) and say so.
        Allogeneic => "allogeneic", "allogeneic, relation to the patient not stated";
        /// Cells from an animal, not a human.
        Xenogeneic => "xenogeneic", "xenogeneic (animal cells)";
    }
}

impl Donor {
    /// The patient's own cells.
    #[must_use]
    pub const fn is_autologous(self) -> bool {
        matches!(self, Self::Autologous)
    }

    /// A human donor other than the patient (whatever the relation, stated or not).
    #[must_use]
    pub const fn is_allogeneic(self) -> bool {
        matches!(
            self,
            Self::AllogeneicFirstDegreeRelative
                | Self::AllogeneicSecondDegreeRelative
                | Self::AllogeneicUnrelated
                | Self::Allogeneic
        )
    }

    /// Whether the donor's relation to the patient is stated: `false` only for
    /// [`Donor::Allogeneic`], another person of unstated relation.
    #[must_use]
    pub const fn relation_known(self) -> bool {
        !matches!(self, Self::Allogeneic)
    }

    /// **Whether two statements of the donor can describe the same product**: the same donor,
    /// or [`Donor::Allogeneic`] (another person, relation not stated) beside any allogeneic
    /// donor, which it does not contradict.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::vocab::Donor;
    ///
    /// assert!(Donor::Allogeneic.agrees_with(Donor::AllogeneicUnrelated));
    /// assert!(Donor::AllogeneicUnrelated.agrees_with(Donor::Allogeneic));
    /// assert!(!Donor::Allogeneic.agrees_with(Donor::Autologous));
    /// assert!(!Donor::AllogeneicUnrelated.agrees_with(Donor::AllogeneicFirstDegreeRelative));
    /// ```
    #[must_use]
    pub const fn agrees_with(self, other: Self) -> bool {
        self as u8 == other as u8
            || (matches!(self, Self::Allogeneic) && other.is_allogeneic())
            || (matches!(other, Self::Allogeneic) && self.is_allogeneic())
    }

    /// A first- or second-degree blood relative of the patient.
    #[must_use]
    pub const fn is_blood_relative(self) -> bool {
        matches!(
            self,
            Self::AllogeneicFirstDegreeRelative | Self::AllogeneicSecondDegreeRelative
        )
    }
}

vocab! {
    /// **How a product reaches the patient.**
    ///
    /// The source texts' "off-the-shelf" product is an allogeneic lot made in advance, stored
    /// (usually frozen) and shipped in a vial; a point-of-care product is made at the bedside from
    /// the patient's own tissue during the visit.
    #[non_exhaustive]
    pub enum SupplyModel {
        /// Made at the bedside during the procedure (e.g. bone marrow concentrate, fat graft).
        PointOfCare => "point_of_care", "point of care (made at the bedside)";
        /// Made for one patient in a laboratory, e.g. the patient's own cells grown for weeks.
        PatientSpecific => "patient_specific", "patient-specific batch";
        /// Made in advance in lots from donors and kept ready in vials.
        OffTheShelf => "off_the_shelf", "off-the-shelf (donor lot in a vial)";
    }
}

impl TissueSource {
    /// **The intended functions that are not basic functions of this tissue in the donor.**
    ///
    /// The comparison at the heart of homologous use (US, 21 CFR 1271.3(c)), the "same essential
    /// function" (EU, Reg 1394/2007 Art 2(1)(c)) and Japan's homologous-use notice. An empty
    /// result means every intended function is a basic one; note that a tissue with no listed
    /// basic functions ([`TissueInfo::basic_functions`] empty) makes every function "other", so
    /// callers check that first.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::vocab::{TissueFunction, TissueSource};
    ///
    /// let membrane = TissueSource::AmnioticMembrane;
    /// // Covering a wound is what amnion does; calming inflammation is not.
    /// let intended = [TissueFunction::Covering, TissueFunction::Immunomodulation];
    /// let other: Vec<_> = membrane.non_basic_functions(&intended).collect();
    /// assert_eq!(other, [TissueFunction::Immunomodulation]);
    /// ```
    pub fn non_basic_functions(
        self,
        intended: &[TissueFunction],
    ) -> impl Iterator<Item = TissueFunction> + '_ {
        let basic = self.info().basic_functions;
        intended.iter().copied().filter(move |f| !basic.contains(f))
    }
}
