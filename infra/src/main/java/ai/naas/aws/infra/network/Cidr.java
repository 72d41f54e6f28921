package ai.naas.aws.infra.network;

import java.util.regex.Pattern;

/**
 * An IPv4 CIDR block, parsed strictly: {@code 10.0.0.0/16} is one, {@code 10.0.0.1/16} is not (host bits set).
 *
 * @param address the network address as an unsigned 32-bit value
 * @param prefix  the prefix length, 0 to 32
 */
public record Cidr(long address, int prefix) {

    private static final Pattern SHAPE = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

    /**
     * Parses {@code text}, or explains why it is not a CIDR block.
     *
     * @throws IllegalArgumentException with a message fit for a user
     */
    public static Cidr parse(String text) {
        var m = SHAPE.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("must be an IPv4 CIDR block like 10.0.0.0/16, got '" + text + "'");
        }
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                throw new IllegalArgumentException("has an octet over 255 in '" + text + "'");
            }
            address = (address << 8) | octet;
        }
        int prefix = Integer.parseInt(m.group(5));
        if (prefix > 32) {
            throw new IllegalArgumentException("has a prefix length over 32 in '" + text + "'");
        }
        var cidr = new Cidr(address & mask(prefix), prefix);
        if (cidr.address != address) {
            throw new IllegalArgumentException("has host bits set in '" + text + "'; did you mean " + cidr + "?");
        }
        return cidr;
    }

    /** Whether {@code text} parses. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether {@code other} lies wholly inside this block. */
    public boolean contains(Cidr other) {
        return other.prefix >= prefix && (other.address & mask(prefix)) == address;
    }

    /** Whether the two blocks share any address. */
    public boolean overlaps(Cidr other) {
        return contains(other) || other.contains(this);
    }

    /** The {@code index}-th block of {@code prefix + newBits} inside this one. */
    public Cidr subnet(int newBits, int index) {
        int newPrefix = prefix + newBits;
        if (newPrefix > 32 || index < 0 || index >= (1L << newBits)) {
            throw new IllegalArgumentException("cannot take block " + index + " of /" + newPrefix + " from " + this);
        }
        return new Cidr(address + ((long) index << (32 - newPrefix)), newPrefix);
    }

    private static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    @Override
    public String toString() {
        return ((address >> 24) & 255) + "." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "."
                + (address & 255) + "/" + prefix;
    }
}
