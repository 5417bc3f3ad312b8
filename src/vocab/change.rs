//! The kinds of change the what-if search (`msc_therapy::what_if`) makes to a document.

use crate::table::vocab;

vocab! {
    /// **What a change to a document does**, in the answers of the what-if search
    /// (`what_if::Change::kind`).
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::vocab::ChangeKind;
    ///
    /// assert_eq!("remove".parse::<ChangeKind>()?, ChangeKind::Remove);
    /// assert_eq!(ChangeKind::Set.label(), "set the field to the value");
    /// # Ok::<(), msc_therapy::document::UnknownCode>(())
    /// ```
    pub enum ChangeKind {
        /// Adds `value` to the list at `path`.
        Add => "add", "add the value to the list";
        /// Removes `value` from the list at `path`.
        Remove => "remove", "remove the value from the list";
        /// Sets the field at `path` to `value`.
        Set => "set", "set the field to the value";
    }
}
