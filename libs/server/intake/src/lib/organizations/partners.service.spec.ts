import { PartnerOrganization } from '../entities/organization.entity';
import { WITHHELD_CONTACT, partnerView } from './partners.service';

const partner: PartnerOrganization = Object.assign(new PartnerOrganization(), {
  id: '6f1c7a1e-0000-4000-8000-000000000001',
  organizationId: '6f1c7a1e-0000-4000-8000-000000000002',
  name: 'Mosul Health Partner',
  governorateCode: 'IQ-NI',
  localRegistrationNumber: 'NGO-1R-555',
  contactPerson: 'Omar K.',
  contactEmail: 'omar@example.org',
  contactPhone: '+964 770 000 0000',
  relationship: 'Clinic operator',
  createdAt: new Date('2027-01-01T10:00:00Z'),
});

describe('partnerView: personal contact data in fragile contexts', () => {
  it('withholds contact person, email and phone from users of other partners in restricted and no-access governorates', () => {
    for (const level of ['restricted', 'no_access'] as const) {
      expect(partnerView(partner, level, 'other_partner')).toMatchObject({
        name: 'Mosul Health Partner',
        governorateCode: 'IQ-NI',
        contactPerson: WITHHELD_CONTACT,
        contactEmail: null,
        contactPhone: null,
      });
    }
  });

  it('shows them to members of the owning organization, officers and the partner’s own users', () => {
    for (const viewer of ['organization_member', 'officer', 'partner_member'] as const) {
      expect(partnerView(partner, 'no_access', viewer)).toMatchObject({ contactPerson: 'Omar K.', contactEmail: 'omar@example.org', contactPhone: '+964 770 000 0000' });
    }
  });

  it('shows them to everyone who sees the record in accessible governorates', () => {
    expect(partnerView(partner, 'accessible', 'other_partner').contactEmail).toBe('omar@example.org');
  });
});
