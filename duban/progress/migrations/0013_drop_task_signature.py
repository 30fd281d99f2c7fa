"""The per-task 签收 columns go: 0012 carried them to the reporting unit's ``UnitSignature``."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('progress', '0012_unit_signatures'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='tasktracking',
            name='acknowledged_at',
        ),
        migrations.RemoveField(
            model_name='tasktracking',
            name='acknowledged_by',
        ),
    ]
