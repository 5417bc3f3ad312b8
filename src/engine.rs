//! **The rule engines**: one submodule per engine, each with its entry function, its report and
//! the policy or table it reads.
//!
//! | Module | Entry | Report |
//! |---|---|---|
//! | here | [`assess_product`], [`assess_product_with`]: every engine at once | [`ProductAssessment`] |
//! | [`us`] | [`classify_us`](us::classify_us): 21 CFR Part 1271 (361 HCT/P or 351 product) | [`UsAssessment`](us::UsAssessment) |
//! | [`eu`] | [`classify_eu`](eu::classify_eu): ATMP, tissues and cells, SoHO | [`EuAssessment`](eu::EuAssessment) |
//! | [`jp`] | [`classify_jp`](jp::classify_jp), [`classify_jp_authorised`](jp::classify_jp_authorised): ASRM class, PMD Act | [`JpAssessment`](jp::JpAssessment) |
//! | [`quality`] | [`assess_quality`](quality::assess_quality): release data against the quality requirements | [`QualityReport`](quality::QualityReport) |
//! | [`offer`] | [`evaluate_offer`](offer::evaluate_offer), [`evaluate_offer_with`](offer::evaluate_offer_with): the patient's checklist | [`OfferEvaluation`](offer::OfferEvaluation) |
//!
//! Every engine is a pure function of a document and the evaluation date
//! (`jiff::civil::Date`), and answers with cited [`Finding`](crate::finding::Finding)s.

pub use crate::assessment::{ProductAssessment, assess_product, assess_product_with};

pub mod us {
    //! **United States**: classification under 21 CFR Part 1271 — not an HCT/P, excepted
    //! under the same surgical procedure exception, a Section 361 HCT/P, or a Section 351 drug /
    //! biological product.
    pub use crate::rules::us::{
        US_MYRIAD_INDICATION_CATEGORIES, UsAssessment, UsClassification, UsClassificationInfo,
        classify_us,
    };
}

pub mod eu {
    //! **European Union**: whether a product is an advanced therapy medicinal product
    //! (Regulation (EC) No 1394/2007), tissues and cells, or a substance of human origin (SoHO).
    pub use crate::rules::eu::{EuAssessment, EuClassification, EuManipulation, classify_eu};
}

pub mod jp {
    //! **Japan**: the risk class under the Act on the Safety of Regenerative Medicine (ASRM) and
    //! the status under the PMD Act (regenerative medical products).
    pub use crate::rules::jp::{
        AsrmRiskClass, JpAssessment, PmdActStatus, classify_jp, classify_jp_authorised,
    };
}

pub mod quality {
    //! **Release quality**: viability, cell dose, identity, safety tests, expansion and the
    //! certificate of analysis, each against the thresholds of a [`QualityPolicy`].
    pub use crate::rules::quality::{
        CoaRequirement, DoseBasis, DoseFactor, QualityPolicy, QualityReport, QualityVerdict,
        REFERENCE_DOSES, ReferenceDose, assess_quality,
    };
}

pub mod offer {
    //! **The patient's checklist** for a clinic's offer: the questions a patient should ask,
    //! each answered from the offer's facts, and the verdict.
    pub use crate::rules::offer::{
        ConditionFamilies, Expectation, ExpectationInfo, OfferEvaluation, OfferPolicy,
        PatientVerdict, Question, evaluate_offer, evaluate_offer_with,
    };
}
