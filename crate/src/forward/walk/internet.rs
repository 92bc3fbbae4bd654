//! Internet gateways: out with the source rewritten to a public IP, in with it mapped back (R11-R13).

use super::*;

impl Walker<'_> {
    /// A flow from an internet host: it can only enter through the internet gateway of the VPC
    /// that owns the public destination address (R12).
    pub(super) fn enter_from_internet(&mut self, pkt: Header) -> Step {
        self.hop(
            "internet",
            "internet",
            Action::Forward,
            format!("The packet leaves {} on the internet.", pkt.src),
            pkt,
        );
        let owner = self
            .ix
            .eni_by_public_ip
            .get(&pkt.dst)
            .map(|e| self.net.enis[e.i()].vpc);
        let vpc = owner.or_else(|| self.ix.vpc_cidrs.longest(pkt.dst).map(|(_, v)| v[0]));
        let igw = vpc.and_then(|v| self.ix.igw_of.get(&v).copied());
        match (vpc, igw) {
            (_, Some(g)) => self.ingress_igw(g, pkt),
            (Some(v), None) => {
                let vid = self.net.vpcs[v.i()].id.clone();
                Err(self.block(&vid, "vpc", Code::NoPossibleDestination, format!("{vid} has no internet gateway, so nothing on the internet can reach it (R12, R13)."), pkt, None))
            }
            (None, None) => Err(Blocked {
                at: "internet".into(),
                code: Code::NoPossibleDestination,
                why: format!("No VPC in the network owns {}.", pkt.dst),
                fix: None,
            }),
        }
    }

    /// R11: out through the internet gateway, with the source rewritten to its public IP.
    pub(super) fn egress_igw(
        &mut self,
        g: IgwIdx,
        pkt: Header,
        ctx: Ctx,
        rtb: RtbIdx,
        dest: &str,
    ) -> Step {
        let gid = self.net.internet_gateways[g.i()].id.clone();
        if is_private(pkt.dst) {
            let o = pkt.dst.octets();
            let (code, space) = if o[0] == 100 && (o[1] & 0xc0) == 64 {
                (
                    Code::IgwDestinationAddressNotInRfc6598Egress,
                    "shared address space (RFC 6598, 100.64.0.0/10)",
                )
            } else {
                (
                    Code::IgwDestinationAddressNotInRfc1918Egress,
                    "private address space (RFC 1918)",
                )
            };
            return Err(self.block(&gid, "internet-gateway", code, format!("{gid} does not forward to {}: it is in {space}, which the internet does not route (R11).", pkt.dst), pkt, None));
        }
        if matches!(ctx.via, Via::Peering(_) | Via::Vgw) {
            return Err(self.block(&gid, "internet-gateway", Code::PcxRequiresAddressInVpcCidr, format!("Traffic that entered over a peering connection or VPN cannot leave through {gid} (no edge-to-edge routing, R18)."), pkt, None));
        }
        let sender = self.ix.eni_by_ip.get(&(ctx.vpc, pkt.src)).copied();
        let public = sender.and_then(|e| self.net.enis[e.i()].public_ip);
        let Some(public) = public else {
            let private_nat = sender.and_then(|e| match self.net.enis[e.i()].owner {
                EniOwner::NatGateway(n)
                    if self.net.nat_gateways[n.i()].connectivity == NatConnectivity::Private =>
                {
                    Some(n)
                }
                _ => None,
            });
            if let Some(n) = private_nat {
                let nid = self.net.nat_gateways[n.i()].id.clone();
                return Err(self.block(&gid, "internet-gateway", Code::IgwPublicIpAssociationForEgress, format!("{nid} is a private NAT gateway: it has no Elastic IP, so {gid} drops its traffic (R14). Use a public NAT gateway for internet access."), pkt, None));
            }
            let who = sender
                .map(|e| self.eni_label(e))
                .unwrap_or_else(|| pkt.src.to_string());
            let nat = self
                .ix
                .nats_in(ctx.vpc)
                .map(|n| &self.net.nat_gateways[n.i()])
                .find(|n| {
                    n.available
                        && n.connectivity == NatConnectivity::Public
                        && self.net.route_table_of(n.subnet) != rtb
                        && suggest::nat_reaches_internet(self.estate(), n, pkt.dst)
                });
            let fix = nat.map(|n| {
                Fix::new(FixAction::ReplaceRoute {
                    route_table: self.net.route_tables[rtb.i()].id.clone(),
                    destination: dest.to_string(),
                    target: n.id.clone(),
                })
            });
            return Err(self.block(&gid, "internet-gateway", Code::IgwPublicIpAssociationForEgress, format!("{who} has no public IP, so {gid} cannot carry its traffic (R11, R13). Route the subnet through a NAT gateway, or give the instance an Elastic IP."), pkt, fix));
        };
        let out = Header { src: public, ..pkt };
        let vpc_id = self.net.vpcs[ctx.vpc.i()].id.clone();
        let h = self.hop(&gid, "internet-gateway", Action::Translate, format!("{gid} rewrites the source {} to its public IP {public} and sends it to the internet (R11).", pkt.src), pkt);
        h.header_out = out;
        h.vpc = Some(vpc_id);
        // A public address of another VPC's interface: the packet comes back in through that
        // VPC's internet gateway (R12).
        if let Some(&e) = self.ix.eni_by_public_ip.get(&out.dst) {
            let vpc = self.net.enis[e.i()].vpc;
            if let Some(&gi) = self.ix.igw_of.get(&vpc) {
                self.hop(
                    "internet",
                    "internet",
                    Action::Forward,
                    "The internet carries it to the public address.".into(),
                    out,
                );
                return self.ingress_igw(gi, out);
            }
        }
        match self.ix.services.longest(out.dst) {
            Some((_, s)) => {
                let name = self.net.services[s[0]].name.clone();
                if self.leg == Leg::Forward {
                    self.authorize(None, out)?;
                }
                self.hop(
                    &name,
                    "aws-service",
                    Action::Deliver,
                    format!("It reaches {name} at its public address over the internet."),
                    out,
                );
            }
            None => {
                self.hop(
                    "internet",
                    "internet",
                    Action::Deliver,
                    format!("It reaches {} on the internet.", out.dst),
                    out,
                );
            }
        }
        Ok(Reached::Outside(g, out))
    }

    /// R12: in through the internet gateway, the public destination mapped back to private.
    pub(super) fn ingress_igw(&mut self, g: IgwIdx, pkt: Header) -> Step {
        let igw = &self.net.internet_gateways[g.i()];
        let gid = igw.id.clone();
        let target = self
            .ix
            .eni_by_public_ip
            .get(&pkt.dst)
            .copied()
            .filter(|e| Some(self.net.enis[e.i()].vpc) == igw.vpc);
        let Some(e) = target else {
            return Err(self.block(&gid, "internet-gateway", Code::IgwPrivateIpAssociationForIngress, format!("{gid} has no interface with the public address {}, so it cannot deliver the packet (R12).", pkt.dst), pkt, None));
        };
        let eni = &self.net.enis[e.i()];
        let (vpc, private) = (eni.vpc, eni.private_ip);
        let inside = Header {
            dst: private,
            ..pkt
        };
        let vpc_id = self.net.vpcs[vpc.i()].id.clone();
        let h = self.hop(
            &gid,
            "internet-gateway",
            Action::Translate,
            format!(
                "{gid} maps the public address {} back to the private address {private} (R12).",
                pkt.dst
            ),
            pkt,
        );
        h.header_out = inside;
        h.vpc = Some(vpc_id);
        let ctx = Ctx {
            vpc,
            via: Via::Igw,
            sender: None,
        };
        self.deliver_local(vpc, inside, ctx, None)
    }
}
