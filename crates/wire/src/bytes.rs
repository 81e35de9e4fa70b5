//! Bytes on the wire: one base64 string (standard alphabet, padded) in JSON instead of serde's default array
//! of numbers, which costs up to four characters and a parsed number per byte. Used with
//! `#[serde(with = "crate::bytes::base64")]` on a `Vec<u8>` field.

pub(crate) mod base64 {
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&STANDARD.encode(bytes))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        // Borrowed when the format allows it, so the text is not copied before it is decoded.
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        STANDARD.decode(text.as_bytes()).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use crate::ImportRequest;

    #[test]
    fn an_import_file_travels_as_one_base64_string() {
        let request =
            ImportRequest { requisition_id: Some(3), file_name: "a.csv".into(), content: b"Ana,\xff\x00".to_vec() };
        let json = serde_json::to_string(&request).expect("json");
        assert_eq!(json, r#"{"requisition_id":3,"file_name":"a.csv","content":"QW5hLP8A"}"#);
        assert_eq!(serde_json::from_str::<ImportRequest>(&json).expect("back"), request);
        let numbers = r#"{"requisition_id":3,"file_name":"a.csv","content":[65,110,97]}"#;
        assert!(serde_json::from_str::<ImportRequest>(numbers).is_err(), "a number array is no longer accepted");
        let broken = r#"{"requisition_id":3,"file_name":"a.csv","content":"QW5h*"}"#;
        assert!(serde_json::from_str::<ImportRequest>(broken).is_err());
    }
}
