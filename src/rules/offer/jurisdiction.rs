//! A jurisdiction as a seam: what a classification requires ([`Pathway`], a column of every
//! classification row), the classification an offer carries ([`Classified`]), and what the
//! pathway rule says under each law ([`Law`], the offer's own row per law).
//!
//! Adding a law the crate classifies under: its row in the jurisdiction table
//! ([`crate::Jurisdiction`], with its [`RegulatoryFramework`]), a variant of [`Classified`]
//! holding its assessment, a [`Pathway`] column in its classification rows, and a [`Law`] row
//! with its words; the compiler then points at every match over [`Classified`] and
//! [`RegulatoryFramework`]. A country the crate has no engine for needs only its jurisdiction
//! row: it is [`Classified::National`].

use super::*;

/// **What a classification requires before the product may be marketed or given**: a column of
/// the classification rows of the US, EU and Japanese engines ([`crate::UsClassification`],
/// [`crate::EuClassification`], [`crate::AsrmRiskClass`]). The offer's one pathway decision reads it
/// instead of knowing the classes itself.
///
/// Never "no approval needed" by default: a product outside a law's cell and tissue rules is
/// [`Pathway::OtherLaw`], and an open classification [`Pathway::Undetermined`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pathway {
    /// Excepted from the law's cell and tissue rules for this procedure: cells removed and put
    /// back in one surgical procedure (US: 21 CFR 1271.15(b); EU: an autologous graft, Directive
    /// 2004/23/EC Art 2(2)(a)).
    Excepted,
    /// Regulated as tissues and cells, with no premarket approval of the product: the
    /// establishment answers to the tissue rules (US Section 361 HCT/P: registration, listing
    /// and the rest of Part 1271, 21 CFR 1271.10(b), 1271.21; EU: Directive 2004/23/EC, and
    /// from 7 August 2027 a SoHO preparation authorisation, Regulation (EU) 2024/1938
    /// Art 38(1)).
    TissueRules,
    /// A marketing authorisation to market it; until then it may be given only within a
    /// clinical trial the law authorises, or under a permission the law provides (US Section
    /// 351 product: an IND to study it, a BLA to market it; EU ATMP: a marketing authorisation,
    /// an authorised clinical trial or the hospital exemption).
    Authorisation,
    /// A provision plan reviewed by a certified committee and submitted to the Minister before
    /// it is given, which the law forbids without one (Japan, ASRM Art 4(1), Classes I to III);
    /// selling it as a product needs a PMD Act approval.
    ProvisionPlan,
    /// Outside the law's cell and tissue rules, not outside the law: other law decides what it
    /// needs (US, not an HCT/P: FDA's law on drugs, biological or blood products; Japan,
    /// outside ASRM: the PMD Act).
    OtherLaw,
    /// An approved product used as approved: its approval governs (Japan, ASRM Art 2(2)).
    Approved,
    /// The classification is open on the facts given, so what it requires is open too.
    Undetermined,
}

impl Pathway {
    /// The law forbids giving the product without the permission it provides.
    pub(super) const fn forbidden_without_permission(self) -> bool {
        match self {
            Self::ProvisionPlan => true,
            Self::Excepted
            | Self::TissueRules
            | Self::Authorisation
            | Self::OtherLaw
            | Self::Approved
            | Self::Undetermined => false,
        }
    }
}

/// **The classification an offer carries**, by the law of the place it is made: the seam
/// between the offer and the engines. The evaluation keeps it in its `us`, `eu` or `jp` field.
pub(super) enum Classified {
    /// Made in the United States: 21 CFR Part 1271.
    Us(UsAssessment),
    /// Made in the European Union: Regulation (EC) No 1394/2007, tissues and cells, SoHO.
    Eu(EuAssessment),
    /// Made in Japan: the ASRM risk class and the PMD Act status.
    Jp(JpAssessment),
    /// Made in a country the crate has no classification engine for: its national routes are
    /// named, never decided.
    National(Jurisdiction),
}

impl Classified {
    /// Classifies the offer's product under the law of `place`, by the framework its row in the
    /// jurisdiction table names.
    pub(super) fn of(
        place: Jurisdiction,
        offer: &ClinicOffer,
        named: Option<&'static ApprovedProduct>,
        on: jiff::civil::Date,
    ) -> Self {
        match place.info().framework {
            RegulatoryFramework::UnitedStates => Self::Us(classify_us(&offer.product, on)),
            RegulatoryFramework::EuropeanUnion => Self::Eu(classify_eu(&offer.product, on)),
            // A Japanese catalog product named by the offer: its approval decides whether ASRM
            // applies at all (ASRM Art 2(2) excludes use according to the approval). An
            // authorisation elsewhere says nothing about Japan.
            RegulatoryFramework::Japan => Self::Jp(match named {
                Some(p) if p.jurisdiction == Jurisdiction::Japan => {
                    classify_jp_authorised(&offer.product, p.key, on)
                }
                Some(_) | None => classify_jp(&offer.product, on),
            }),
            RegulatoryFramework::National => Self::National(place),
        }
    }

    /// What the classification requires: the [`Pathway`] column of its row. Under a national
    /// law the crate does not classify, it is open.
    pub(super) fn pathway(&self) -> Pathway {
        match self {
            Self::Us(us) => us.classification.info().pathway,
            Self::Eu(eu) => eu.classification.info().pathway,
            Self::Jp(jp) => jp.risk_class.info().pathway,
            Self::National(_) => Pathway::Undetermined,
        }
    }

    /// What the pathway rule says under this law. A US product outside Part 1271 is told in
    /// other words: FDA's law for what it is decides.
    pub(super) fn law(&self) -> &'static Law {
        match self {
            Self::Us(_) => match self.pathway() {
                Pathway::OtherLaw => &US_OTHER_LAW,
                Pathway::Excepted
                | Pathway::TissueRules
                | Pathway::Authorisation
                | Pathway::ProvisionPlan
                | Pathway::Approved
                | Pathway::Undetermined => &US,
            },
            Self::Eu(_) => &EU,
            Self::Jp(_) => &JP,
            Self::National(_) => &NATIONAL,
        }
    }

    /// The facts that place the product: its classification (in Japan with its PMD Act status),
    /// or, where the crate does not classify, the place.
    pub(super) fn facts(&self) -> (Fact, Option<Fact>) {
        match self {
            Self::Us(us) => (
                Fact::code("us.classification", us.classification.code()).as_derived(),
                None,
            ),
            Self::Eu(eu) => (
                Fact::code("eu.classification", eu.classification.code()).as_derived(),
                None,
            ),
            Self::Jp(jp) => (
                Fact::code("jp.asrm_risk_class", jp.risk_class.code()).as_derived(),
                Some(Fact::code("jp.pmd_act", jp.pmd_act.code()).as_derived()),
            ),
            Self::National(place) => (Fact::code("jurisdiction", place.code()), None),
        }
    }

    /// The evaluation's `us`, `eu` and `jp` fields.
    pub(super) fn into_fields(
        this: Option<Self>,
    ) -> (
        Option<UsAssessment>,
        Option<EuAssessment>,
        Option<JpAssessment>,
    ) {
        match this {
            Some(Self::Us(us)) => (Some(us), None, None),
            Some(Self::Eu(eu)) => (None, Some(eu), None),
            Some(Self::Jp(jp)) => (None, None, Some(jp)),
            Some(Self::National(_)) | None => (None, None, None),
        }
    }
}

/// **What the pathway rule says under one law**, in the order of the decision
/// ([`super::pathway::decide`]): the offer's own row per law, every reason a row of
/// [`reasons`].
pub(super) struct Law {
    /// The rule the finding is of.
    pub(super) rule: RuleId,
    /// An authorised product named and used outside its label.
    pub(super) off_label: OffLabel,
    /// Where the classification settles the rule before any route is asked for; `None` where
    /// no class does.
    pub(super) settled: Option<Settled>,
    /// Given within a registered trial (a note).
    pub(super) trial: &'static Reason,
    /// The permission the law provides, where it settles the route (the EU hospital
    /// exemption, the Japanese provision plan); `None` where none does.
    pub(super) permission: Option<Permits>,
    /// No route shown.
    pub(super) unshown: Unshown,
}

/// What an authorised product used off label is under a law.
#[derive(Clone, Copy)]
pub(super) enum OffLabel {
    /// Lawful at the physician's discretion, outside the label's evidence: a question, whatever
    /// else the offer shows (the reason, and what it rests on).
    Physician(&'static Reason, Basis),
    /// A use the law treats as it treats an unapproved product: a trial or the law's
    /// permission answers it; without one, a question (the reason, and what it rests on).
    Unapproved(&'static Reason, Basis),
    /// Not read: the crate has no engine for the law, and judges the route as if no product
    /// were named.
    Unread,
}

/// The words where the classification settles the rule.
pub(super) struct Settled {
    /// [`Pathway::Excepted`] (a note).
    pub(super) excepted: &'static Reason,
    /// [`Pathway::TissueRules`] (a note).
    pub(super) tissue_rules: &'static Reason,
    /// [`Pathway::Undetermined`] (a question).
    pub(super) undetermined: &'static Reason,
}

/// The words for a permission the offer names, by how it holds it.
pub(super) struct Permits {
    /// Obtained, and named by its reference (a note).
    pub(super) named: &'static Reason,
    /// Said to be obtained, with no reference (a question).
    pub(super) unnamed: &'static Reason,
    /// Stated as not obtained (a question), and the facts that could still answer the route.
    pub(super) refused: (&'static Reason, &'static [&'static str]),
    /// Stated as not obtained where the classification requires it
    /// ([`Pathway::forbidden_without_permission`]): a reason to walk away.
    pub(super) forbidden: Option<&'static Reason>,
}

/// What the rule says when the offer shows no route.
#[derive(Clone, Copy)]
pub(super) enum Unshown {
    /// A question (or a failed item) for the route the law sets.
    Ask {
        outcome: Outcome,
        path: &'static str,
        reason: &'static Reason,
        missing: &'static [&'static str],
    },
    /// Which of FDA's laws applies depends on what the product is (US, not an HCT/P): a
    /// question resting on FDA's statements.
    WhichFdaLaw,
    /// A national law the crate has no engine for: its routes in force are named, and a
    /// national authorisation the clinic names is shown, never settled.
    NationalRoute,
}

/// 21 CFR Part 1271 and the PHS Act.
const US: Law = Law {
    rule: RuleId::OfferUsPathway,
    off_label: OffLabel::Physician(
        &reasons::PRODUCT_LICENSED_US_OFFERED_OUTSIDE,
        Basis::RegulationText,
    ),
    settled: Some(Settled {
        excepted: &reasons::US_SAME_SURGICAL_PROCEDURE_EXCEPTION,
        tissue_rules: &reasons::US_SECTION_361_HCT_P,
        undetermined: &reasons::PRODUCT_S_US_CLASSIFICATION_CANNOT,
    }),
    trial: &reasons::US_DRUG_BIOLOGICAL_PRODUCT_OFFERED,
    permission: None,
    unshown: Unshown::Ask {
        outcome: Outcome::NotMet,
        path: "disclosures.trial_registration",
        reason: &reasons::US_DRUG_BIOLOGICAL_PRODUCT_LICENSED,
        missing: &["disclosures.trial_registration", "authorisation"],
    },
};

/// US law for a product that is not an HCT/P.
const US_OTHER_LAW: Law = Law {
    trial: &reasons::US_PRODUCT_HCT_P_OFFERED,
    unshown: Unshown::WhichFdaLaw,
    ..US
};

/// EU law: Regulation (EC) No 1394/2007 and Directive 2001/83/EC.
const EU: Law = Law {
    rule: RuleId::OfferEuPathway,
    off_label: OffLabel::Physician(
        &reasons::PRODUCT_HOLDS_MARKETING_AUTHORISATION_EU,
        Basis::Label,
    ),
    settled: Some(Settled {
        excepted: &reasons::EU_PRODUCT_ADVANCED_THERAPY_MEDICINAL,
        tissue_rules: &reasons::EU_PRODUCT_ADVANCED_THERAPY_MEDICINAL,
        undetermined: &reasons::WHETHER_PRODUCT_ADVANCED_THERAPY_MEDICINAL,
    }),
    trial: &reasons::EU_ADVANCED_THERAPY_MEDICINAL_PRODUCT_5,
    permission: Some(Permits {
        named: &reasons::EU_ADVANCED_THERAPY_MEDICINAL_PRODUCT_4,
        unnamed: &reasons::EU_ADVANCED_THERAPY_MEDICINAL_PRODUCT_3,
        refused: (
            &reasons::EU_ADVANCED_THERAPY_MEDICINAL_PRODUCT_2,
            &["authorisation", "disclosures.trial_registration"],
        ),
        forbidden: None,
    }),
    unshown: Unshown::Ask {
        outcome: Outcome::NotMet,
        path: "authorisation",
        reason: &reasons::EU_ADVANCED_THERAPY_MEDICINAL_PRODUCT,
        missing: &[
            "authorisation",
            "disclosures.trial_registration",
            "permission",
        ],
    },
};

/// Japanese law: the ASRM and the PMD Act. No class settles the rule: outside an approved
/// product used as approved, cells need a plan, a trial or an approval whatever their class.
const JP: Law = Law {
    rule: RuleId::OfferJpPathway,
    off_label: OffLabel::Unapproved(
        &reasons::PRODUCT_APPROVED_JAPAN_OFFERED_OUTSIDE,
        Basis::RegulationText,
    ),
    settled: None,
    trial: &reasons::TREATMENT_OFFERED_WITHIN_REGISTERED_TRIAL_3,
    permission: Some(Permits {
        named: &reasons::CLINIC_NAMES_PROVISION_PLAN_GIVES,
        unnamed: &reasons::CLINIC_SAYS_SUBMITTED_PROVISION_PLAN,
        refused: (
            &reasons::CLINIC_STATES_HAS_PROVISION_PLAN,
            &["authorisation"],
        ),
        forbidden: Some(&reasons::CLINIC_GIVES_REGENERATIVE_MEDICINE_OUTSIDE),
    }),
    unshown: Unshown::Ask {
        outcome: Outcome::NotMet,
        path: "authorisation",
        reason: &reasons::JAPAN_CELLS_OUTSIDE_APPROVED_PRODUCT,
        missing: &[
            "authorisation",
            "disclosures.trial_registration",
            "permission",
        ],
    },
};

/// A national law the crate has no engine for.
const NATIONAL: Law = Law {
    rule: RuleId::OfferNationalPathway,
    off_label: OffLabel::Unread,
    settled: None,
    trial: &reasons::TREATMENT_OFFERED_WITHIN_REGISTERED_TRIAL_2,
    permission: None,
    unshown: Unshown::NationalRoute,
};
