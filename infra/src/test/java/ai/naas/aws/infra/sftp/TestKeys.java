package ai.naas.aws.infra.sftp;

/** Public keys made once by {@code ssh-keygen}, one per type and size the rules care about. Public: not secrets. */
final class TestKeys {

    static final String ED25519 =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE8fUvLDMdywEFGi7BcOmi8mGe1/G5Xp3AVr0TqZCBux ed25519@test";
    static final String ECDSA_256 = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBKNNzJA8P"
            + "u57DenjfgQg9VIC0L/nxiaThg706eWmi/iYm/NSVI1cm3uEvpJ/ZRZrnHs3oE9ZPSOsefmNICHq40A= ecdsa-256@test";
    static final String ECDSA_384 = "ecdsa-sha2-nistp384 AAAAE2VjZHNhLXNoYTItbmlzdHAzODQAAAAIbmlzdHAzODQAAABhBKmee9nw7"
            + "gE2Zx2TOIiWePz8GfjZeeC19ZFmYVI3L6KAXz9LbQ3566i67/6yqMSEAqVAo2SjZsnGMajhE/ILJd79FfgbmYigv1LxnRRS8kTuVQuFifgm"
            + "X1GynEoXAyFCrw== ecdsa-384@test";
    static final String ECDSA_521 = "ecdsa-sha2-nistp521 AAAAE2VjZHNhLXNoYTItbmlzdHA1MjEAAAAIbmlzdHA1MjEAAACFBADhYDzh8"
            + "3Y9Ag+b/uAODokyoV4qee299hGT2CI3XnL3u5jhOSrOuYjcjJ55+WWGhFYCHuTWXIzV8LSxV4YrFBZXCAC0xCV5opla2jRlqsnBln6QDSml"
            + "R4Xbr1YpWmWLchMXP3+dDlF0xI69YjemZVFT6ZgI1vyJPQVNGE9jL4CVluxTWQ== ecdsa-521@test";
    static final String RSA_3072 = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQC3rcaramPwnIz9ozER6KzypxJHlJ2TGezEe6KQL11Y"
            + "Ve5c5FpVm7qBSIonbBf4ec+5ZDQoBOpPgoHGoKD8sQBYU+ikR6JHq5MLfIvlpMUEG9hvz2yWWLapBb+KL6oS0kSp5yym7q4ZpJm54OWmuphm"
            + "gmJEwhG6zJKsaRE2iMqpGxIjQneYsCQJaBA3PhSGxlPCrqS+opv9OluPUwNA+ntHe+WNdYc6jN2bb1QCsvWj2WaW5idug7xGTec+0aep9AsS"
            + "Z2JJ1vGx+uhxbaGgKbTpmayxgKXdJmJlmCRSGe85OlaFLWVgHUvSIGmiuUyX77jAp6Q2/5daxFDjdBzlmwaJ6yS8QckYOEBU2wckEuxcda6s"
            + "NAB+SPCCrCz0KhN8/7SoMW9VDGV3kUI+lkA/U5+QDtvQtQRzSIXU3yJfmN/eT8r2Xk22f/tSnKs8Ma+6i377TKtXaQuRkWKUxATKozL+I90h"
            + "l7V+n+8uQO5nME0y0Vttbqgxy6wejCFeSMdm0oU= rsa-3072@test";
    static final String RSA_2048 = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCRxo8GmsgqUGHdBQr1lSNWhVJ49y2lkel+poFkR6DY"
            + "r95h+6wcYS7eTEcDKqV6MR9b0dMtvAEBpiBcrKMzvfQRICNC1zXAUdiW9zc6RLm1XhYg5gIj+uZdjEDUzAVW4Lop26YwsZTFLflH3pTK4WgQ"
            + "KlXEDuMzDjD+m6xFq4nWlKVZJugedIaVvWaT0vV6k2rnqFl5wLOXMPvmMvLqU5DajO5eifnbWRXUXZF/uhylB1KgOTijFT6bfBzzzDPPXWls"
            + "Yj/pKgLdhGZcAqQE3VewbxKwf5LX//Qbqpw2bN9wsmVFsS7H2lLBTw+xtOfJzdSYpkN4oVyBjNpvW6kwAKRJ rsa-2048@test";

    private TestKeys() {
    }
}
