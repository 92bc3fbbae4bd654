//! VPC endpoints and the policies a request to an AWS service must pass (R20-R22).

use super::*;

type Checked = Result<(), Box<Blocked>>;

impl Walker<'_> {
    /// A request passes only if the endpoint policy, the bucket policy and the caller's role
    /// policy all allow it: an endpoint policy grants nothing and overrides nothing (R22).
    pub(super) fn authorize(&mut self, endpoint: Option<VpceIdx>, pkt: Header) -> Checked {
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
            self.endpoint_policy(v, req, &ctx, &what, &mut notes, pkt)?;
        }
        let bucket_allows = self.bucket_policy(req, &ctx, &what, &mut notes, pkt)?;
        self.role_policy(req, &ctx, &what, &mut notes, bucket_allows, pkt)
    }

    fn endpoint_policy(
        &mut self,
        v: VpceIdx,
        req: &Request,
        ctx: &policy::Context,
        what: &str,
        notes: &mut Vec<String>,
        pkt: Header,
    ) -> Checked {
        let ep = &self.net.endpoints[v.i()];
        let id = ep.id.clone();
        let Some(p) = &ep.policy else {
            return Ok(());
        };
        let statement = match policy::evaluate(p, req, ctx, notes) {
            Decision::Allow(s) => {
                let event = Event::EndpointPolicyAllows {
                    endpoint: id.clone(),
                    request: what.to_string(),
                    statement: s,
                };
                self.hop(&id, Component::EndpointPolicy, Action::Allow, event, pkt);
                return Ok(());
            }
            Decision::Deny(s) => Some(s),
            Decision::ImplicitDeny => None,
        };
        let reason = Reason::EndpointPolicyDenied {
            endpoint: id.clone(),
            request: what.to_string(),
            statement,
            notes: notes.clone(),
        };
        Err(self.block(&id, Component::EndpointPolicy, reason, pkt))
    }

    /// The bucket policy, if the request names a bucket in the input. Whether it allows the
    /// request explicitly (which a role's silence does not override).
    fn bucket_policy(
        &mut self,
        req: &Request,
        ctx: &policy::Context,
        what: &str,
        notes: &mut Vec<String>,
        pkt: Header,
    ) -> Result<bool, Box<Blocked>> {
        let bucket = req
            .resource
            .strip_prefix("arn:aws:s3:::")
            .map(|r| r.split('/').next().unwrap_or(r));
        let Some(b) = bucket.and_then(|name| self.net.buckets.iter().find(|b| b.name == name))
        else {
            return Ok(false);
        };
        let name = b.name.clone();
        let mut allows = false;
        if let Some(p) = &b.policy {
            match policy::evaluate(p, req, ctx, notes) {
                Decision::Deny(s) => {
                    let reason = Reason::BucketPolicyDenied {
                        bucket: name.clone(),
                        request: what.to_string(),
                        statement: s,
                        via_endpoint: ctx.source_vpce.clone(),
                        notes: notes.clone(),
                    };
                    return Err(self.block(&name, Component::S3Bucket, reason, pkt));
                }
                Decision::Allow(_) => allows = true,
                Decision::ImplicitDeny => {}
            }
        }
        let event = Event::BucketDoesNotDeny {
            bucket: name.clone(),
            request: what.to_string(),
        };
        self.hop(&name, Component::S3Bucket, Action::Allow, event, pkt);
        Ok(allows)
    }

    /// The role policy of the instance that sends the request, if it has one.
    fn role_policy(
        &mut self,
        req: &Request,
        ctx: &policy::Context,
        what: &str,
        notes: &mut Vec<String>,
        bucket_allows: bool,
        pkt: Header,
    ) -> Checked {
        let role = match self.source {
            Source::Eni(e) => match &self.net.enis[e.i()].owner {
                EniOwner::Instance(i) => {
                    let x = &self.net.instances[*i];
                    x.role_policy.clone().map(|p| (x.id.clone(), p))
                }
                _ => None,
            },
            _ => None,
        };
        let Some((inst, p)) = role else {
            return Ok(());
        };
        let statement = match policy::evaluate(&p, req, ctx, notes) {
            Decision::Allow(_) => return Ok(()),
            Decision::ImplicitDeny if bucket_allows => return Ok(()),
            Decision::Deny(s) => Some(s),
            Decision::ImplicitDeny => None,
        };
        let reason = Reason::RolePolicyDenied {
            instance: inst.clone(),
            request: what.to_string(),
            statement,
            notes: notes.clone(),
        };
        Err(self.block(&inst, Component::RolePolicy, reason, pkt))
    }

    /// R20, R22: a gateway endpoint delivers to its service, TCP and ICMP only.
    pub(super) fn via_gateway_endpoint(&mut self, v: VpceIdx, pkt: Header, ctx: Ctx) -> Walked {
        let ep = &self.net.endpoints[v.i()];
        let (id, svc) = (ep.id.clone(), ep.service.clone());
        if !matches!(pkt.protocol, Protocol::Tcp | Protocol::Icmp) {
            let reason = Reason::GatewayEndpointProtocol {
                endpoint: id.clone(),
                protocol: pkt.protocol,
            };
            return Err(self.block(&id, Component::GatewayEndpoint, reason, pkt));
        }
        if ctx.via == Via::Tgw {
            // R20: resources across a transit gateway cannot use a gateway endpoint [GWS3].
            let reason = Reason::TgwGatewayEndpoint {
                endpoint: id.clone(),
                service: svc.clone(),
            };
            return Err(self.block(&id, Component::GatewayEndpoint, reason, pkt));
        }
        if let Some(entered_via) = ctx.via.edge() {
            let reason = Reason::EdgeToEdge {
                gateway: id.clone(),
                through: Through::GatewayEndpoint,
                entered_via,
                link: None,
            };
            return Err(self.block(&id, Component::GatewayEndpoint, reason, pkt));
        }
        let event = Event::GatewayEndpointTakes {
            endpoint: id.clone(),
            service: svc.clone(),
            has_policy: ep.policy.is_some(),
        };
        self.hop(&id, Component::GatewayEndpoint, Action::Forward, event, pkt);
        self.authorize(Some(v), pkt)?;
        let event = Event::ReachesService {
            service: svc.clone(),
            over_internet: false,
        };
        self.hop(&svc, Component::AwsService, Action::Deliver, event, pkt);
        Ok(Reached::GatewayEndpoint(v, pkt))
    }
}
