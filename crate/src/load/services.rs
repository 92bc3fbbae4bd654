//! The built-in list of AWS services (`data/aws-services.json`): data, not code.

use crate::model::AwsService;
use ipnet::Ipv4Net;

#[derive(serde::Deserialize)]
struct Entry {
    name: String,
    prefix_list: Option<String>,
    #[serde(default)]
    gateway: bool,
    cidrs: Vec<String>,
}

#[derive(serde::Deserialize)]
struct DataFile {
    services: Vec<Entry>,
}

const DATA: &str = include_str!("../../data/aws-services.json");

/// The Region in a service name (`com.amazonaws.us-east-1.s3` -> `us-east-1`).
pub fn region_of(name: &str) -> &str {
    name.split('.').nth(2).unwrap_or("")
}

/// The parsed data file, read once: every load needs it.
fn entries() -> &'static [Entry] {
    static ENTRIES: std::sync::OnceLock<Vec<Entry>> = std::sync::OnceLock::new();
    ENTRIES.get_or_init(parse)
}

fn parse() -> Vec<Entry> {
    // The file ships inside the binary and a unit test parses it, so a failure here means a
    // broken build; fall back to no services rather than panic.
    serde_json::from_str::<DataFile>(DATA)
        .map(|d| d.services)
        .unwrap_or_default()
}

/// Every built-in service, without prefix-list links (the builder adds those).
pub fn builtin() -> Vec<AwsService> {
    entries()
        .iter()
        .map(|e| AwsService {
            region: region_of(&e.name).to_string(),
            cidrs: e
                .cidrs
                .iter()
                .filter_map(|c| c.parse::<Ipv4Net>().ok())
                .collect(),
            name: e.name.clone(),
            prefix_list: None,
            gateway: e.gateway,
        })
        .collect()
}

/// The AWS-managed prefix-list id of a gateway service, as AWS names it in that Region.
pub fn builtin_prefix_list_id(service: &str) -> String {
    entries()
        .iter()
        .find(|e| e.name == service)
        .and_then(|e| e.prefix_list.clone())
        .unwrap_or_else(|| crate::model::ids::fallback_prefix_list_id(service))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_services_parse_completely() {
        let raw = entries();
        assert!(raw.len() >= 10);
        for (e, s) in raw.iter().zip(builtin()) {
            assert_eq!(
                e.cidrs.len(),
                s.cidrs.len(),
                "{}: a CIDR did not parse",
                e.name
            );
            assert_eq!(e.gateway, e.prefix_list.is_some(), "{}", e.name);
        }
        assert_eq!(
            builtin_prefix_list_id("com.amazonaws.us-east-1.s3"),
            "pl-63a5400a"
        );
    }
}
