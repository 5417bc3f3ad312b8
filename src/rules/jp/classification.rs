//! The Japanese classifications: the ASRM risk class and the PMD Act status.

use super::*;
use crate::rules::offer::Pathway;

/// The longest time limit of a conditional approval, in years (PMD Act Art 23-26).
pub(super) const CONDITIONAL_APPROVAL_MAX_YEARS: f64 = 7.0;

/// **What the crate knows about an ASRM risk class**: one row of the [`AsrmRiskClass`] table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct AsrmRiskClassInfo {
    /// What the class requires before the treatment may be given, as the patient's checklist
    /// reads it: a provision plan for Classes I to III (reviewed by a Certified Special
    /// Committee, then a 90-day restriction period, for Class I; by a certified committee for
    /// Classes II and III), the approval for an approved product used as approved, other law
    /// (the PMD Act) outside ASRM.
    pub(crate) pathway: Pathway,
}

const fn requires(pathway: Pathway) -> AsrmRiskClassInfo {
    AsrmRiskClassInfo { pathway }
}

vocab! {
    /// **The risk class of a regenerative medicine technology under Japan's ASRM.**
    ///
    /// The Act on the Safety of Regenerative Medicine (ASRM, Act No. 85 of 2013) covers cell
    /// therapies given in clinical research or private practice in medical institutions. The
    /// class decides the review: Class I plans go to a Certified Special Committee and then to
    /// MHLW with a 90-day restriction period; Class II and III plans are reviewed by a certified
    /// committee and submitted to MHLW.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::engine::jp::AsrmRiskClass;
    ///
    /// assert_eq!(AsrmRiskClass::ClassI.to_string(), "class_i");
    /// assert_eq!("class_iii".parse::<AsrmRiskClass>()?, AsrmRiskClass::ClassIII);
    /// # Ok::<(), msc_therapy::document::UnknownCode>(())
    /// ```
    #[non_exhaustive]
    pub enum AsrmRiskClass: AsrmRiskClassInfo {
        /// High risk: allogeneic, animal, genetically modified, ES or iPS cells (ASRM Art 2(5)).
        ClassI => "class_i", "Class I (high risk)", requires(Pathway::ProvisionPlan);
        /// Medium risk: e.g. the patient's own cultured stem cells, or non-homologous use.
        ClassII => "class_ii", "Class II (medium risk)", requires(Pathway::ProvisionPlan);
        /// Low risk: everything else (ASRM Art 2(7)), e.g. minimally processed autologous cells
        /// for homologous use.
        ClassIII => "class_iii", "Class III (low risk)", requires(Pathway::ProvisionPlan);
        /// Not a regenerative medicine technology: the preparation holds no cells (exosomes,
        /// conditioned medium) and, from the 2025 amendment (Act No. 51 of 2024), is no in vivo
        /// gene therapy either. Outside ASRM is not "no risk", not "unregulated" and not "needs
        /// no approval": no ASRM plan is reviewed, and other law (the PMD Act, for instance as a
        /// drug needing its own approval) may still apply to it (MHLW notice on culture
        /// supernatants and exosomes, 31 Jul 2024).
        OutsideAsrm => "outside_asrm", "outside ASRM (no cells)", requires(Pathway::OtherLaw);
        /// Not a regenerative medicine technology under ASRM because it is an approved
        /// regenerative medical product used according to its approval (ASRM Art 2(2)): the PMD
        /// Act approval governs it, and no ASRM plan or risk class applies. Given only by
        /// [`classify_jp_authorised`] for a Japanese approval whose indication and route the
        /// record matches.
        ApprovedProductOnLabel => "approved_product_on_label", "outside ASRM (approved product used as approved)", requires(Pathway::Approved);
        /// The facts given do not decide the class.
        Undetermined => "undetermined", "undetermined", requires(Pathway::Undetermined);
    }
}

vocab! {
    /// **Whether a product, sold commercially in Japan, would be a regenerative medical product.**
    ///
    /// Under the PMD Act a *regenerative medical product* is (1) processed — more than minimally
    /// manipulated — live human or animal cells meant to rebuild, repair or form body structures
    /// or functions, or to treat or prevent disease, or (2) a gene therapy product.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::engine::jp::PmdActStatus;
    ///
    /// assert_eq!(PmdActStatus::RegenerativeMedicalProduct.to_string(), "regenerative_medical_product");
    /// ```
    #[non_exhaustive]
    pub enum PmdActStatus {
        /// Processed live cells, or a gene therapy product: needs approval under the PMD Act.
        RegenerativeMedicalProduct => "regenerative_medical_product", "regenerative medical product";
        /// Neither processed live cells nor a gene therapy product.
        NotRegenerativeMedicalProduct => "not_regenerative_medical_product", "not a regenerative medical product";
        /// The facts given (or the crate's sources) do not decide it.
        Undetermined => "undetermined", "undetermined";
    }
}
