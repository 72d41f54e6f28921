#!/bin/bash
# Runs the generated SFTP host set-up (and sshd) the way the EC2 host does, but leaves this machine as it was.
#
#   unshare --mount --propagation private bash sandbox.sh serve WORK PASSWORD
#   unshare --mount --propagation private bash sandbox.sh take-over WORK NAME
#   unshare --mount --propagation private bash sandbox.sh run-setup WORK
#
# In the private mount namespace that unshare gives it, every change this script or the set-up makes vanishes
# with the namespace's last process:
#   /etc, /var  copy-on-write overlays, so useradd, groupadd and the keys touch no file of the host;
#   /run        an empty tmpfs holding sshd's privilege separation directory;
#   /srv        an empty tmpfs for the chroots (/srv/sftp/<user>), whose parents must all be root-owned and not
#               group- or world-writable, which /tmp is not.
# WORK holds setup.sh, and for "serve" sshd_config and the host key.
#
# EFS: the set-up mounts it itself (mount -t efs -o tls,iam fs-...:/ MOUNTPOINT). A stand-in for amazon-efs-utils'
# mount helper, first on PATH, fails the first $NAAS_TEST_EFS_FAILURES attempts (a number, or "always") as a mount
# target that is not ready yet would, then bind-mounts $NAAS_TEST_EFS, the directory standing in for the file
# system, onto the mount point; every other mount goes to the real mount(8). A stand-in for sleep(1) records the
# waits in WORK/sleeps.txt instead of sleeping; WORK/efs-mount-attempts.txt has one line per EFS mount attempt.
#
# serve:     runs the set-up twice, leaves in WORK what the test checks from outside the namespace, then becomes
#            sshd (stopped after 10 minutes at the latest, should the test never stop it).
# take-over: makes an ordinary account NAME, then runs the set-up, which must refuse to change it; prints the
#            account as it is afterwards.
# run-setup: runs the set-up once and prints its exit status, the SFTP accounts, keys and chroot mounts it left.
set -euo pipefail
mode=$1
work=$2

real_mount=$(command -v mount)
stubs=$work/stubs
mkdir -p "$stubs"
cat > "$stubs/mount" <<STUB
#!/bin/bash
if [ "\$1 \$2" = "-t efs" ]; then
    echo "\$*" >> "$work/efs-mount-attempts.txt"
    attempts=\$(wc -l < "$work/efs-mount-attempts.txt")
    if [ "\${NAAS_TEST_EFS_FAILURES:-0}" = always ] || [ "\$attempts" -le "\${NAAS_TEST_EFS_FAILURES:-0}" ]; then
        echo "mount.efs (test stand-in): mount target not reachable yet" >&2
        exit 32
    fi
    exec "$real_mount" --bind "\$NAAS_TEST_EFS" "\${!#}"
fi
exec "$real_mount" "\$@"
STUB
cat > "$stubs/sleep" <<STUB
#!/bin/bash
echo "\$1" >> "$work/sleeps.txt"
STUB
chmod 0755 "$stubs/mount" "$stubs/sleep"
export PATH="$stubs:$PATH"

overlays=$work/overlays
mkdir -p "$overlays"
mount -t tmpfs -o mode=0700 tmpfs "$overlays"
for dir in etc var; do
    mkdir -p "$overlays/$dir/upper" "$overlays/$dir/work"
    mount -t overlay overlay -o "lowerdir=/$dir,upperdir=$overlays/$dir/upper,workdir=$overlays/$dir/work" "/$dir"
done
mount -t tmpfs -o mode=0755 tmpfs /run
mount -t tmpfs -o mode=0755 tmpfs /srv

case $mode in
serve)
    password=$3
    # Twice: the host runs it at every boot, and a second run must neither fail nor undo the first.
    bash "$work/setup.sh"
    bash "$work/setup.sh"

    grep -F ' /srv/sftp/' /proc/self/mountinfo > "$work/mounts.txt"
    getent passwd alice bob > "$work/passwd.txt"
    getent shadow alice bob | cut -d: -f1,2 > "$work/passwords.txt"
    cp -a /etc/ssh/authorized_keys "$work/authorized_keys"

    # A real password for alice, so that sshd refusing password authentication means something.
    echo "alice:$password" | chpasswd

    install -d -m 0755 /run/sshd
    /usr/sbin/sshd -t -f "$work/sshd_config"
    /usr/sbin/sshd -T -C user=alice,host=localhost,addr=127.0.0.1 -f "$work/sshd_config" > "$work/sshd-T-alice.txt"
    exec timeout --kill-after=5 600 /usr/sbin/sshd -D -e -f "$work/sshd_config"
    ;;
take-over)
    name=$3
    useradd --no-create-home --no-log-init --shell /bin/bash "$name"
    if bash "$work/setup.sh"; then
        echo "sandbox: the set-up accepted the existing account $name" >&2
        exit 1
    fi
    getent passwd "$name"
    ;;
run-setup)
    status=0
    bash "$work/setup.sh" || status=$?
    echo "setup exit status: $status"
    echo "accounts: $(getent passwd | grep -c ':naas-sftp-user:' || true)"
    echo "keys directory: $( [ -e /etc/ssh/authorized_keys ] && echo present || echo absent)"
    echo "chroot mounts: $(grep -c ' /srv/sftp/' /proc/self/mountinfo || true)"
    ;;
*)
    echo "sandbox: unknown mode $mode" >&2
    exit 2
    ;;
esac
