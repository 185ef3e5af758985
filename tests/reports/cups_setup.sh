#!/bin/sh
# Start the CUPS scheduler if it is not running and make sure a PDF queue named
# SignDeskPDF (backend cups-pdf) exists, so the print test prints for real.
#
#   sh tests/reports/cups_setup.sh            # prints the queue name on success
#
# Needs the Debian packages cups and printer-driver-cups-pdf, and root (or a
# member of lpadmin) to add the queue. Exits non-zero with a reason otherwise.
set -eu
QUEUE="${SIGNDESK_TEST_PRINTER:-SignDeskPDF}"
PPD=/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd

command -v lpstat >/dev/null 2>&1 || { echo "cups client tools (lpstat) not installed" >&2; exit 3; }

if ! lpstat -r 2>/dev/null | grep -q "is running"; then
    CUPSD=$(command -v cupsd || echo /usr/sbin/cupsd)
    [ -x "$CUPSD" ] || { echo "cupsd not installed (apt-get install cups)" >&2; exit 3; }
    mkdir -p /run/cups
    # Without systemd, cupsd daemonises itself; wait until it answers.
    "$CUPSD" || { echo "cupsd failed to start (see /var/log/cups/error_log)" >&2; exit 3; }
    n=0
    until lpstat -r 2>/dev/null | grep -q "is running"; do
        n=$((n + 1))
        [ "$n" -gt 100 ] && { echo "cupsd did not answer within 10 s" >&2; exit 3; }
        sleep 0.1
    done
fi

if ! lpstat -v "$QUEUE" >/dev/null 2>&1; then
    [ -x /usr/lib/cups/backend/cups-pdf ] || {
        echo "the cups-pdf backend is missing (apt-get install printer-driver-cups-pdf)" >&2; exit 3; }
    if [ -f "$PPD" ]; then
        lpadmin -p "$QUEUE" -v cups-pdf:/ -E -P "$PPD"
    else
        lpadmin -p "$QUEUE" -v cups-pdf:/ -E -m everywhere
    fi
    cupsenable "$QUEUE" 2>/dev/null || true
    cupsaccept "$QUEUE" 2>/dev/null || true
fi
echo "$QUEUE"
