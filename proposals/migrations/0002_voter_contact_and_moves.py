import django.db.models.deletion
from django.db import migrations, models


def copy_links(apps, schema_editor):
    """The proposal a voter contact led to was recorded on the contact; it moves to the
    proposal, so that deputies (the lower layer) no longer points at proposals."""
    VoterContact = apps.get_model("deputies", "VoterContact")
    Proposal = apps.get_model("proposals", "Proposal")
    for contact_id, proposal_id in VoterContact.objects.filter(
        proposal__isnull=False
    ).values_list("pk", "proposal_id"):
        Proposal.objects.filter(pk=proposal_id).update(voter_contact_id=contact_id)


def copy_links_back(apps, schema_editor):
    VoterContact = apps.get_model("deputies", "VoterContact")
    Proposal = apps.get_model("proposals", "Proposal")
    for proposal_id, contact_id in Proposal.objects.filter(
        voter_contact__isnull=False
    ).values_list("pk", "voter_contact_id"):
        VoterContact.objects.filter(pk=contact_id).update(proposal_id=proposal_id)


class Migration(migrations.Migration):
    dependencies = [
        ("deputies", "0002_initial"),
        ("proposals", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="proposal",
            options={
                "ordering": ["-submitted_at", "-pk"],
                "permissions": [
                    ("assign_proposal", "Can assign a proposal to a handling unit"),
                    ("answer_proposal", "Can record a handling unit's answer to a proposal"),
                    ("close_proposal", "Can close an answered proposal"),
                    ("submit_on_behalf", "Can register a proposal on a deputy's behalf"),
                ],
                "verbose_name": "proposal",
                "verbose_name_plural": "proposals",
            },
        ),
        migrations.AddField(
            model_name="historicalproposal",
            name="voter_contact",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="deputies.votercontact",
                verbose_name="voter contact it was made from",
            ),
        ),
        # No reverse accessor yet: VoterContact still has its own "proposal" field.
        migrations.AddField(
            model_name="proposal",
            name="voter_contact",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="deputies.votercontact",
                verbose_name="voter contact it was made from",
            ),
        ),
        migrations.RunPython(copy_links, copy_links_back),
    ]
