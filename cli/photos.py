"""The ``photos`` sub-command: add members' photos from a folder or .zip, one file, or remove one.

It goes through ``kiosk.organizer.OrganizerService`` (the organizer's door).
Every file the import did not use is printed with the reason.
"""

from __future__ import annotations

import argparse

from cli import EXIT_FAILED, EXIT_OK, arg, command, shown
from data.errors import UserError


@command("photos", "add members' photos (a folder or .zip named by member or ID number)",
         arg("file", help="the meeting file"),
         arg("source", nargs="?", help="a folder or .zip of .jpg/.png files to import"),
         arg("--member", metavar="NUMBER", help="one member (by member number): with --image "
             "or --remove"),
         arg("--image", metavar="IMAGE", help="the member's photo (.jpg or .png)"),
         arg("--remove", action="store_true", help="remove that member's photo"),
         arg("--missing", action="store_true", help="list the members without a photo"))
def cmd_photos(a: argparse.Namespace) -> int:
    """Import photos, set or remove one member's, or list who has none (缺照片)."""
    from kiosk.organizer import OrganizerService

    with OrganizerService(a.file, a.actor) as service:
        if a.missing:
            have = service.photo_member_ids()
            rows = [r for r in service.member_rows() if r["id"] not in have]
            for r in rows:
                print(f"{shown(r['number'] or '-', 20):<12} {shown(r['name'], 50):<10} "
                      f"{shown(r['branch'])}")
            print(f"{len(rows)} members have no photo")
            return EXIT_OK
        if a.member is not None:
            member = service.member_by_number(a.member)
            if member is None:
                raise UserError(f"no member with number {a.member}")
            if a.remove:
                changes = service.remove_photo(member.id)
                print(f"removed the photo of {shown(member.name)}" if changes.members
                      else f"{shown(member.name)} had no photo")
                return EXIT_OK
            if not a.image:
                raise UserError("give the member's photo with --image (or --remove)")
            service.set_photo_file(member.id, a.image)
            size = len(service.photo(member.id) or b"")
            print(f"photo of {shown(member.name)} set ({size:,} bytes)")
            return EXIT_OK
        if a.remove or a.image:
            raise UserError("--image and --remove need --member NUMBER")
        if not a.source:
            raise UserError("give a folder or .zip of photos (or --member, --missing)")
        report = service.import_photos(a.source)
    print(report.summary())
    for line in report.lines():
        print("  " + shown(line, 300))
    print(f"{report.seconds:.1f} s, {report.bytes_written / 1024:,.0f} KB written")
    return EXIT_FAILED if report.problems or report.cancelled else EXIT_OK
