//! VPC endpoints and the policies a request to an AWS service must pass (R20-R22).

use super::*;

impl Walker<'_> {
    /// A request passes only if the endpoint policy, the bucket policy and the caller's role
    /// policy all allow it: an endpoint policy grants nothing and overrides nothing (R22).
    pub(super) fn authorize(
        &mut self,
        endpoint: Option<VpceIdx>,
        pkt: Header,
    ) -> Result<(), Blocked> {
        let Some(req) = self.request else {
            return Ok(());
        };
        let mut notes = Vec::new();
        let ctx = policy::Context {
            source_vpce: endpoint.map(|v| self.net.endpoints[v.i()].id.clone()),
            source_vpc: endpoint
                .map(|v| self.net.vpcs[self.net.endpoints[v.i()].vpc.i()].id.clone()),
        };
        let what = format!("{} on {}", req.action, req.resource);
        if let Some(v) = endpoint {
            let ep = &self.net.endpoints[v.i()];
            let id = ep.id.clone();
            if let Some(p) = &ep.policy {
                match policy::evaluate(p, req, &ctx, &mut notes) {
                    Decision::Allow(s) => {
                        self.hop(
                            &id,
                            "endpoint-policy",
                            Action::Allow,
                            format!("The endpoint policy of {id} allows {what} ({s})."),
                            pkt,
                        );
                    }
                    d => {
                        let why = match d {
                            Decision::Deny(s) => format!("The endpoint policy of {id} denies {what} explicitly ({s})."),
                            _ => format!("The endpoint policy of {id} does not allow {what}: none of its statements matches, and a policy allows only what it names."),
                        };
                        return Err(self.block(
                            &id,
                            "endpoint-policy",
                            Code::VpcePolicyDenied,
                            format!(
                                "{why} A bucket policy or role cannot override that (R22).{}",
                                note_text(&notes)
                            ),
                            pkt,
                            None,
                        ));
                    }
                }
            }
        }
        let bucket = req
            .resource
            .strip_prefix("arn:aws:s3:::")
            .map(|r| r.split('/').next().unwrap_or(r).to_string());
        let mut bucket_allows = false;
        if let Some(b) = bucket
            .as_ref()
            .and_then(|name| self.net.buckets.iter().find(|b| &b.name == name))
        {
            let name = b.name.clone();
            if let Some(p) = &b.policy {
                match policy::evaluate(p, req, &ctx, &mut notes) {
                    Decision::Deny(s) => {
                        let via = match &ctx.source_vpce {
                            Some(v) => format!(" The request came through {v}."),
                            None => " The request did not come through a VPC endpoint.".into(),
                        };
                        return Err(self.block(&name, "s3-bucket", Code::ResourcePolicyDenied, format!("The bucket policy of {name} denies {what} ({s}).{via} An explicit deny wins over every allow (R22).{}", note_text(&notes)), pkt, None));
                    }
                    Decision::Allow(_) => bucket_allows = true,
                    Decision::ImplicitDeny => {}
                }
            }
            self.hop(
                &name,
                "s3-bucket",
                Action::Allow,
                format!("The bucket policy of {name} does not deny {what}."),
                pkt,
            );
        }
        let role = match self.source {
            Source::Eni(e) => match &self.net.enis[e.i()].owner {
                EniOwner::Instance(i) => self
                    .net
                    .instances
                    .iter()
                    .find(|x| &x.id == i)
                    .and_then(|x| x.role_policy.clone().map(|p| (x.id.clone(), p))),
                _ => None,
            },
            _ => None,
        };
        if let Some((inst, p)) = role {
            match policy::evaluate(&p, req, &ctx, &mut notes) {
                Decision::Allow(_) => {}
                Decision::ImplicitDeny if bucket_allows => {}
                d => {
                    let why = match d {
                        Decision::Deny(s) => {
                            format!("the role policy of {inst} denies {what} ({s})")
                        }
                        _ => format!(
                            "neither the role policy of {inst} nor the bucket policy allows {what}"
                        ),
                    };
                    return Err(self.block(
                        &inst,
                        "role-policy",
                        Code::IdentityPolicyDenied,
                        format!(
                            "The network path works, but {why} (R22).{}",
                            note_text(&notes)
                        ),
                        pkt,
                        None,
                    ));
                }
            }
        }
        Ok(())
    }

    /// R20, R22: a gateway endpoint delivers to its service, TCP and ICMP only.
    pub(super) fn via_gateway_endpoint(&mut self, v: VpceIdx, pkt: Header, ctx: Ctx) -> Step {
        let ep = &self.net.endpoints[v.i()];
        let (id, svc) = (ep.id.clone(), ep.service.clone());
        if !matches!(pkt.protocol, Protocol::Tcp | Protocol::Icmp) {
            return Err(self.block(
                &id,
                "gateway-endpoint",
                Code::VpceGatewayProtocolRestriction,
                format!(
                    "Gateway endpoint {id} carries only TCP and ICMP echo, not {} (R20).",
                    pkt.protocol
                ),
                pkt,
                None,
            ));
        }
        if matches!(ctx.via, Via::Peering(_) | Via::Vgw) {
            return Err(self.block(&id, "gateway-endpoint", Code::PcxRequiresAddressInVpcCidr, format!("Only traffic that starts in {id}'s own VPC can use it; traffic from peering, VPN or Direct Connect cannot (R18, R20)."), pkt, None));
        }
        let policy = if ep.policy.is_some() {
            "its endpoint policy applies to the request (R22)"
        } else {
            "the default endpoint policy allows everything (R22)"
        };
        self.hop(&id, "gateway-endpoint", Action::Forward, format!("Gateway endpoint {id} takes it to {svc} without the internet or a NAT gateway; {policy}."), pkt);
        self.authorize(Some(v), pkt)?;
        self.hop(
            &svc,
            "aws-service",
            Action::Deliver,
            format!("It reaches {svc}."),
            pkt,
        );
        Ok(Reached::GatewayEndpoint(v, pkt))
    }
}
