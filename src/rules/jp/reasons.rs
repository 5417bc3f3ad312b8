//! The reasons the Japanese engine gives, one row each: the code (`J001`, …) and its sentence.
//! A finding names its row (`.why(&reasons::NAME)`, a verb of `crate::rules::write::Fill`); the rules write no free text.

use crate::reason::reasons;

reasons! {
    RECORD_S_TISSUE_DONOR_PREPARATION = "J001": "the record's tissue, donor or preparation differs from the catalog entry named, so the product is not shown to be the one approved";
    CATALOG_ENTRY_NOT_APPROVED_ON_DATE = "J002": "the catalog entry named is not shown to be approved on the evaluation date (its standing on that day is the catalog.status_text fact)";
    CONDITIONAL_STANDING_OPEN = "J003": "approved with conditions and a time limit (PMD Act Art 23-26), and the catalog cannot confirm its standing on the evaluation date (the catalog.status_text fact says what it shows)";
    APPROVED_CONDITIONS_TIME_LIMIT_PMD = "J004": "approved with conditions and a time limit (PMD Act Art 23-26): the holder must apply for full approval before the time limit ends";
    PRODUCT_HOLDS_FULL_APPROVAL = "J005": "the product holds a full approval";
    MHLW_APPROVED_REGENERATIVE_MEDICAL_PRODUCT = "J007": "MHLW approved it as a regenerative medical product";
    APPROVED_REGENERATIVE_MEDICAL_PRODUCT_USED_2 = "J008": "an approved regenerative medical product used according to its approval (its indication and route) is not a regenerative medicine technology under ASRM (Art 2(2)): the PMD Act approval governs it, and no ASRM plan, committee review or risk class applies";
    APPROVED_REGENERATIVE_MEDICAL_PRODUCT_GIVEN = "J009": "an approved regenerative medical product given outside its approval (another indication or route) is not excluded by ASRM Art 2(2), which covers only use according to the approval: in clinical research or private practice ASRM applies, with the class below";
    APPROVED_REGENERATIVE_MEDICAL_PRODUCT_USED = "J010": "an approved regenerative medical product used according to its approval is outside ASRM (Art 2(2)), but the record does not show that this use is the approved one: the class below is the one it has if ASRM applies";
    CELLS_GIVEN_FORM_BLOOD_MAY = "J011": "cells given to form blood may be a haematopoietic stem cell transplantation, which the Order excludes from ASRM; the crate does not decide whether this use is one, and gives the class the technology has if ASRM applies";
    WHAT_KIND_PREPARATION_GIVEN_RISK = "J012": "what kind of preparation it is is not given; the risk class below assumes it holds processed cells, since a cell-free preparation (exosomes, conditioned medium) would be outside ASRM";
    CELL_FREE_PREPARATION_BUT_SINCE = "J013": "a cell-free preparation, but since 31 May 2025 (Act No. 51 of 2024) ASRM also covers gene therapy that uses no processed cells (in vivo gene therapy); without the processing steps a genetic modification cannot be ruled out, so whether ASRM applies stays open; the class below is the one it has if ASRM applies";
    CELL_FREE_PREPARATION_FROM_GENETICALLY = "J014": "a cell-free preparation from genetically modified cells: since 31 May 2025 (Act No. 51 of 2024) ASRM also covers gene therapy that uses no processed cells, and whether this preparation is one is not settled by the crate's sources; the class below is the one it has if ASRM applies";
    PREPARATION_HOLDS_CELLS_INVOLVES_GENETIC = "J015": "the preparation holds no cells and involves no genetic modification: ASRM concerns technologies using processed cells and, since 31 May 2025 (Act No. 51 of 2024), gene therapy; exosomes and culture supernatant are outside it, so no ASRM plan, committee review or risk class applies; no such product is approved either, and the physician bears responsibility for its use (MHLW office notice, 31 Jul 2024)";
    PREPARATION_HOLDS_CELLS_ASRM_BEFORE = "J016": "the preparation holds no cells, and ASRM (before its amendment by Act No. 51 of 2024 came into force on 31 May 2025) concerns technologies using processed cells: exosomes and culture supernatant are outside it, so no ASRM plan, committee review or risk class applies; no such product is approved either, and the physician bears responsibility for its use (MHLW office notice, 31 Jul 2024)";
    BLOOD_DERIVED_CELL_PREPARATIONS_SUCH = "J017": "blood-derived cell preparations such as platelet-rich plasma are regenerative medicine technologies under ASRM; MHLW's notice 医政研発1031第1号 classifies uncultured peripheral-blood techniques by their site of use";
    PREPARATION_HOLDS_CELLS_TISSUE_BUT = "J018": "the preparation holds cells or tissue but no living cells; whether ASRM, which concerns processed cells, covers such a preparation is not settled by the crate's sources; the class given is the one it has if ASRM applies";
    PREPARATION_DELIVERS_LIVING_CELLS_TECHNOLOGY = "J019": "the preparation delivers living cells: a technology using processed cells within ASRM";
    GENES_WERE_INTRODUCED_INTO_CELLS = "J020": "genes were introduced into the cells";
    CELLS_COME_FROM_PERSON_OTHER = "J021": "the cells come from a person other than the patient";
    ANIMAL_CELLS = "J022": "animal cells";
    WHO_CELLS_COME_FROM_GIVEN = "J023": "who the cells come from is not given";
    PATIENT_S_OWN_CELLS_BUT_2 = "J024": "the patient's own cells, but without a processing record genetic modification cannot be ruled out";
    PATIENT_S_OWN_CELLS_BUT = "J025": "the patient's own cells, but an unclassified step could be a genetic modification";
    PATIENT_S_OWN_CELLS_GENETICALLY = "J026": "the patient's own cells, not genetically modified (an ES or iPS source cannot be recorded in this crate's vocabulary)";
    EVERY_DECLARED_IMPLIED_FUNCTION_BASIC = "J027": "every declared and implied function is a basic function of the source tissue and is performed by the cells at the target site";
    FACT_COMPARISON_FUNCTIONS_NEEDS_MISSING = "J028": "a fact the comparison of functions needs is missing";
    CULTURED_CELLS_CRITERION_SUMMARISED_MHLW = "J029": "cultured cells (criterion as summarised; MHLW Ordinance No. 110 not confirmed)";
    NON_HOMOLOGOUS_USE_CRITERION_SUMMARISED = "J030": "non-homologous use (criterion as summarised; MHLW Ordinance No. 110 not confirmed)";
    CULTURE_CANNOT_RULED_OUT_PROCESSING = "J031": "culture cannot be ruled out: the processing steps and the kind of preparation both say whether the cells were cultured";
    STEP_WHOSE_ASRM_CLASS_CRATE = "J032": "a step whose ASRM class the crate's sources do not settle";
    UNCULTURED_CELLS_HOMOLOGOUS_USE_WHICH = "J033": "uncultured cells for homologous use, which would be Class III on the culture and homologous-use criteria alone; but the preparation holds, or may hold, human somatic stem cells (体性幹細胞: marrow cells, adipose-derived stem cells, cord blood, as MHLW notice 薬食発0907第3号 (7 Sep 2012) defines them), and published summaries of the Class II criteria of MHLW Ordinance No. 110 list human somatic stem cells as a Class II category whatever the culture or the use, placing the patient's own adipose-derived stem cells in Class II; the ordinance's text could not be read to confirm it, so the class is left open (Class II on that reading)";
    UNCULTURED_CELLS_HOMOLOGOUS_USE_SOMATIC = "J034": "uncultured cells for homologous use, with no somatic stem cells recorded, so Class III; the Class II criteria are not confirmed against MHLW Ordinance No. 110, so confirm with the MHLW classification flowchart";
    WHETHER_USE_HOMOLOGOUS_DECIDED = "J035": "whether the use is homologous is not decided";
    GENETICALLY_MODIFIED_CELLS_GENE_THERAPY = "J036": "genetically modified cells: a gene therapy product or processed cells";
    PREPARATION_DELIVERS_LIVE_CELLS_BUT = "J037": "the preparation delivers no live cells, but without the processing steps a genetic modification, which would make a gene therapy product, cannot be ruled out";
    CELL_FREE_PREPARATION_HOLDS_LIVE = "J038": "a cell-free preparation holds no live cells, and its cells were not genetically modified: not a gene therapy product";
    PREPARATION_DOES_DELIVER_LIVE_CELLS = "J039": "the preparation does not deliver live cells, and the definition concerns processed live cells";
    CULTURED_LIVE_CELLS_PROCESSED_BEYOND = "J040": "cultured live cells are processed beyond minimal manipulation";
    CULTURED_CELLS_BUT_WHETHER_PRODUCT = "J041": "cultured cells, but whether the product delivers live cells is not given";
    PROCESSING_RECORD = "J042": "no processing record";
    CULTURE_GENETIC_MODIFICATION_JAPAN_S = "J043": "no culture or genetic modification; Japan's list of minimal operations is not in the crate's sources, so whether this processing makes 'processed' cells is left open";
    ONLY_REGENERATIVE_MEDICAL_PRODUCTS_CAN = "J044": "only regenerative medical products can receive it";
    ASK_WHETHER_PRODUCT_HOLDS_SEEKS = "J045": "ask whether the product holds (or seeks) a conditional, time-limited approval: it is open to a regenerative medical product that is not homogeneous, is presumed effective and is not presumed worthless for its harms; those are judgements on clinical data, not in a product record, and the holder must apply for full approval within the time limit";
}
