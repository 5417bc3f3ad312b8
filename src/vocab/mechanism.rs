//! Mechanisms of action, secreted factors and the naming of MSCs.

use crate::table::vocab;

/// **What the crate knows about a mechanism**: one row of the [`Mechanism`] table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct MechanismInfo {
    /// What the mechanism does, in one sentence.
    pub what_it_does: &'static str,
    /// Supported by the evidence as a main way MSCs act (`false` for the differentiation myth).
    pub supported: bool,
    /// A citation for the claim.
    pub citation: &'static str,
}

vocab! {
    /// **A way MSCs are thought to act in the body.**
    ///
    /// Both source texts agree that MSCs work mostly as signalling cells: they release factors
    /// and vesicles that tell the patient's own cells to repair tissue and calm inflammation, and
    /// they "don't necessarily survive long after injection". The old idea that injected MSCs turn
    /// into new cartilage or organs ([`Mechanism::DifferentiationEngraftment`]) is the "myth from
    /// the late 90s" the second text debunks; it is in the vocabulary so that claims can be
    /// recognised and answered.
    #[non_exhaustive]
    pub enum Mechanism: MechanismInfo {
        /// Releasing growth factors and cytokines ([`SecretedFactor`]) that make nearby cells repair
        /// tissue, form new blood vessels and avoid dying.
        ParacrineSignalling => "paracrine_signalling", "paracrine signalling", MechanismInfo {
            what_it_does: "releases growth factors (VEGF, HGF, IGF-1, TGF-beta) that stimulate nearby cells to repair tissue, form blood vessels and survive",
            supported: true,
            citation: "Caplan AI, Stem Cells Transl Med 2017;6(6):1445-1451; Madrigal M et al., J Transl Med 2014;12:260",
        };
        /// Shifting the immune response from inflammatory to repairing, notably macrophages from
        /// the M1 ("attack") to the M2 ("repair") state.
        Immunomodulation => "immunomodulation", "immunomodulation (macrophage M1 to M2)", MechanismInfo {
            what_it_does: "shifts macrophages from a pro-inflammatory (M1) to an anti-inflammatory, IL-10-producing (M2-like) state",
            supported: true,
            citation: "Nemeth K et al., Nat Med 2009;15(1):42-49 (PGE2-dependent reprogramming of macrophages)",
        };
        /// Releasing exosomes and other extracellular vesicles: tiny membrane bubbles carrying
        /// microRNAs and proteins into other cells ("text messages" between cells).
        ExtracellularVesicles => "extracellular_vesicles", "exosome / extracellular-vesicle secretion", MechanismInfo {
            what_it_does: "releases exosomes carrying microRNAs and proteins that change the behaviour of damaged cells",
            supported: true,
            citation: "Madrigal M et al., J Transl Med 2014;12:260",
        };
        /// Migrating towards inflamed or injured tissue along chemokine gradients.
        Homing => "homing", "homing to injury sites", MechanismInfo {
            what_it_does: "migrates towards inflamed or damaged tissue, guided by chemokine gradients",
            supported: true,
            citation: "Caplan AI, Stem Cells Transl Med 2017;6(6):1445-1451",
        };
        /// Becoming new tissue: the claim that injected cells turn into cartilage, heart or kidney.
        /// Not how MSCs act in patients.
        DifferentiationEngraftment => "differentiation_engraftment", "turning into new tissue (not supported)", MechanismInfo {
            what_it_does: "claims the injected cells engraft and become new tissue; evidence shows they act by signalling and mostly vanish",
            supported: false,
            citation: "Caplan AI, Stem Cells Transl Med 2017;6(6):1445-1451 (the patient's own tissue-resident cells build new tissue)",
        };
    }
}

/// **What the crate knows about a secreted factor**: one row of the [`SecretedFactor`] table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct FactorInfo {
    /// The HGNC gene symbol that encodes it (for PGE2, the enzyme that makes it).
    pub gene: &'static str,
    /// The HGNC identifier, where confirmed.
    pub hgnc: Option<&'static str>,
    /// What it does, in a few words.
    pub role: &'static str,
}

vocab! {
    /// **A molecule in the MSC secretome**: the "soup" of proteins, cytokines and growth factors
    /// that does the work (second source text).
    #[non_exhaustive]
    pub enum SecretedFactor: FactorInfo {
        /// Vascular endothelial growth factor: new blood vessels.
        Vegf => "vegf", "VEGF", FactorInfo { gene: "VEGFA", hgnc: Some("HGNC:12680"), role: "new blood vessel formation" };
        /// Hepatocyte growth factor: cell survival and repair, anti-fibrotic.
        Hgf => "hgf", "HGF", FactorInfo { gene: "HGF", hgnc: Some("HGNC:4893"), role: "tissue repair, anti-fibrosis" };
        /// Insulin-like growth factor 1: cell growth and survival.
        Igf1 => "igf1", "IGF-1", FactorInfo { gene: "IGF1", hgnc: Some("HGNC:5464"), role: "cell growth and survival" };
        /// Transforming growth factor beta: immune suppression, M2 polarisation.
        TgfBeta => "tgf_beta", "TGF-beta", FactorInfo { gene: "TGFB1", hgnc: Some("HGNC:11766"), role: "immune suppression, M2 macrophage polarisation" };
        /// Interleukin-10: the anti-inflammatory cytokine re-programmed macrophages make.
        Il10 => "il10", "IL-10", FactorInfo { gene: "IL10", hgnc: Some("HGNC:5962"), role: "anti-inflammatory signalling" };
        /// TNF-stimulated gene 6: damps TLR2/NF-kB inflammatory signalling.
        Tsg6 => "tsg6", "TSG-6", FactorInfo { gene: "TNFAIP6", hgnc: None, role: "dampens inflammatory signalling" };
        /// Prostaglandin E2, a lipid made by COX-2; drives macrophage IL-10 production.
        Pge2 => "pge2", "PGE2", FactorInfo { gene: "PTGS2", hgnc: None, role: "macrophage reprogramming towards IL-10" };
        /// Indoleamine 2,3-dioxygenase, induced by interferon-gamma; suppresses T cells.
        Ido => "ido", "IDO", FactorInfo { gene: "IDO1", hgnc: Some("HGNC:6059"), role: "T-cell suppression" };
        /// Interleukin-1 receptor antagonist: blocks IL-1 inflammation, M2 polarisation.
        Il1Ra => "il1ra", "IL-1Ra", FactorInfo { gene: "IL1RN", hgnc: None, role: "blocks IL-1 inflammation" };
    }
}

vocab! {
    /// **What the letters "MSC" are taken to stand for.**
    ///
    /// Arnold Caplan named them *mesenchymal stem cells* in 1991. The ISCT asked in 2005 that
    /// plastic-adherent cells from any tissue be called *multipotent mesenchymal stromal cells*,
    /// keeping "stem" for cells shown to meet stem-cell criteria (Horwitz et al., Cytotherapy
    /// 2005;7(5):393-395). In 2017 Caplan himself proposed *medicinal signalling cells*, because
    /// the cells act by secreting factors, not by becoming tissue (Stem Cells Transl Med
    /// 2017;6(6):1445-1451). The ISCT keeps "MSC", qualified by tissue source and by evidence
    /// (Viswanathan et al., Cytotherapy 2019;21:1019).
    pub enum MscDesignation {
        /// "Mesenchymal stem cells": needs evidence of self-renewal and multipotency in vivo.
        MesenchymalStemCell => "mesenchymal_stem_cell", "mesenchymal stem cell";
        /// "Multipotent mesenchymal stromal cells": the ISCT's term for the plastic-adherent cells.
        MesenchymalStromalCell => "mesenchymal_stromal_cell", "mesenchymal stromal cell";
        /// "Medicinal signalling cells": Caplan's 2017 proposal.
        MedicinalSignallingCell => "medicinal_signalling_cell", "medicinal signalling cell";
    }
}
