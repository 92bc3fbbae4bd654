// A 100-VPC estate for the big-estate tests (issue 11 item 3), as scenario JSON: VPC `team-i`
// (10.i.0.0/16) has an app subnet with instance `app-i` (10.i.1.10), a db subnet with `db-i`
// (10.i.2.10, its group allows PostgreSQL from its own VPC only) and a subnet for the transit
// gateway `hub`, which every VPC is attached to and routes 10.0.0.0/8 to. So app-a -> db-b
// (a != b) crosses the hub and is dropped at db-b's security group; every 10th VPC also has an
// internet gateway, so that the rows differ.

/** @param {number} n VPCs (at most 250) */
export function estate(n = 100) {
  const doc = {
    name: `estate: ${n} VPCs behind one transit gateway`,
    vpcs: [], subnets: [], route_tables: [], security_groups: [], instances: [], internet_gateways: [],
    transit_gateways: [],
  };
  const attachments = [];
  for (let i = 0; i < n; i++) {
    const vpc = `vpc-team${i}`;
    doc.vpcs.push({ id: vpc, name: `team-${i}`, cidr: `10.${i}.0.0/16` });
    for (const [k, sub] of [['app', 1], ['db', 2]]) {
      doc.subnets.push({ id: `subnet-${k}${i}`, name: `${k}-${i}`, vpc, cidr: `10.${i}.${sub}.0/24`, az: 'us-east-1a' });
    }
    doc.subnets.push({ id: `subnet-tgw${i}`, name: `tgw-${i}`, vpc, cidr: `10.${i}.0.0/28`, az: 'us-east-1a' });
    doc.route_tables.push({
      id: `rtb-team${i}`, name: `team-${i}`, vpc, subnets: [`subnet-app${i}`, `subnet-db${i}`],
      routes: [{ destination: '10.0.0.0/8', target: 'tgw-hub' }],
    });
    doc.security_groups.push({ id: `sg-app${i}`, name: `app-${i}`, vpc });
    doc.security_groups.push({
      id: `sg-db${i}`, name: `db-${i}`, vpc,
      ingress: [{ protocol: 'tcp', ports: 5432, cidr: `10.${i}.0.0/16`, description: 'PostgreSQL from its own VPC' }],
    });
    doc.instances.push({ id: `i-app${i}`, name: `app-${i}`, subnet: `subnet-app${i}`, private_ip: `10.${i}.1.10`, security_groups: [`sg-app${i}`] });
    doc.instances.push({ id: `i-db${i}`, name: `db-${i}`, subnet: `subnet-db${i}`, private_ip: `10.${i}.2.10`, security_groups: [`sg-db${i}`] });
    if (i % 10 === 0) doc.internet_gateways.push({ id: `igw-team${i}`, vpc });
    attachments.push({ id: `tgw-attach-${i}`, name: `team-${i}`, vpc, subnets: [`subnet-tgw${i}`], route_table: 'tgw-rtb-hub' });
  }
  doc.transit_gateways.push({
    id: 'tgw-hub', name: 'hub', default_association_route_table: 'tgw-rtb-hub', default_propagation_route_table: 'tgw-rtb-hub',
    attachments, route_tables: [{ id: 'tgw-rtb-hub', name: 'hub', propagations: attachments.map((a) => a.id) }],
  });
  doc.flow = { from: 'i-app3', to: 'i-db77', protocol: 'tcp', port: 5432 };
  return doc;
}
