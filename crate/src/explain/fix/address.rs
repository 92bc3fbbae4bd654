//! The sentence and `aws ec2` command of a VPC block, subnet or endpoint policy edit.

use crate::format::edit::Edit;
use crate::model::ids::ResourceKind as K;

/// `'text'` for a shell: a single quote inside becomes `'\''`.
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// The command that removes a block: AWS names the association, which `describe-vpcs` gives.
fn disassociate(vpc: &str, cidr: &str) -> String {
    format!(
        "aws ec2 disassociate-vpc-cidr-block --association-id $(aws ec2 describe-vpcs {} {vpc} \
         --query \"Vpcs[0].CidrBlockAssociationSet[?CidrBlock=='{cidr}'].AssociationId\" --output text)",
        K::Vpc.cli_flag().replace("-id", "-ids")
    )
}

/// The sentence and the command for an address or endpoint-policy edit.
pub(super) fn texts(edit: &Edit) -> (String, String) {
    let vpce = |e: &str| format!("aws ec2 modify-vpc-endpoint {} {e}", K::Endpoint.cli_flag());
    match edit {
        Edit::AddVpcCidr { vpc, cidr } => (
            format!("Add the CIDR block {cidr} to {vpc}"),
            format!(
                "aws ec2 associate-vpc-cidr-block {} {vpc} --cidr-block {cidr}",
                K::Vpc.cli_flag()
            ),
        ),
        Edit::RemoveVpcCidr { vpc, cidr } => (
            format!("Remove the CIDR block {cidr} from {vpc}"),
            disassociate(vpc, cidr),
        ),
        Edit::CreateSubnet { vpc, cidr, az, .. } => (
            format!("Create a subnet {cidr} in {vpc}"),
            format!(
                "aws ec2 create-subnet {} {vpc} --cidr-block {cidr}{}",
                K::Vpc.cli_flag(),
                az.as_ref()
                    .map(|z| format!(" --availability-zone {z}"))
                    .unwrap_or_default()
            ),
        ),
        Edit::DeleteSubnet { subnet } => (
            format!("Delete the subnet {subnet}"),
            format!("aws ec2 delete-subnet {} {subnet}", K::Subnet.cli_flag()),
        ),
        Edit::SetEndpointPolicy { endpoint, policy } if policy.trim().is_empty() => (
            format!("Restore the default policy (full access) on {endpoint}"),
            format!("{} --reset-policy", vpce(endpoint)),
        ),
        Edit::SetEndpointPolicy { endpoint, policy } => (
            format!("Replace the policy of {endpoint}"),
            format!(
                "{} --policy-document {}",
                vpce(endpoint),
                quoted(policy.trim())
            ),
        ),
        Edit::SetEndpointPolicyStatement {
            endpoint,
            index,
            effect,
            actions,
            resources,
        } => (
            format!(
                "In the policy of {endpoint}, make statement {}: {} {} on {}",
                index.saturating_add(1),
                effect.as_str(),
                actions.join(", "),
                resources.join(", ")
            ),
            // The command takes the whole document, with this statement changed.
            format!("{} --policy-document file://policy.json", vpce(endpoint)),
        ),
        Edit::DeleteEndpointPolicyStatement { endpoint, index } => (
            format!(
                "Delete statement {} of the policy of {endpoint}",
                index.saturating_add(1)
            ),
            format!("{} --policy-document file://policy.json", vpce(endpoint)),
        ),
        _ => (String::new(), String::new()),
    }
}
