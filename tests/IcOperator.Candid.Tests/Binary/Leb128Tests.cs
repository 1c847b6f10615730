using System.Numerics;

namespace IcOperator.Candid.Tests.Binary;

public sealed class Leb128Tests
{
    [Fact]
    public void Random_numbers_of_every_size_round_trip_and_match_the_textbook_encoding()
    {
        var random = new Random(20261120);
        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(1, 40)];
            random.NextBytes(bytes);
            var magnitude = new BigInteger(bytes, isUnsigned: true);
            var signed = random.Next(2) == 0 ? magnitude : -magnitude;

            var nat = CandidEncoder.EncodeOne(CandidType.Nat, CandidValue.Nat(magnitude));
            nat[7..].Should().Equal(TextbookLeb(magnitude), because: $"nat {magnitude}");
            CandidDecoder.DecodeOne(nat, CandidType.Nat).AsBigInteger().Should().Be(magnitude);

            var @int = CandidEncoder.EncodeOne(CandidType.Int, CandidValue.Int(signed));
            @int[7..].Should().Equal(TextbookSleb(signed), because: $"int {signed}");
            CandidDecoder.DecodeOne(@int, CandidType.Int).AsBigInteger().Should().Be(signed);
        }
    }

    [Fact]
    public void A_number_hundreds_of_kilobytes_long_is_read_in_linear_time()
    {
        // 2^(7·300000) − 1: 300,000 bytes of 0xff…0x7f. Shifting per byte would take minutes.
        var message = new byte[7 + 300_000];
        "DIDL\x00\x01\x7d"u8.CopyTo(message);
        message.AsSpan(7).Fill(0xff);
        message[^1] = 0x7f;
        // Compared as booleans: a failure message would print the number, which is itself slow.
        var value = CandidDecoder.DecodeOne(message, CandidType.Nat).AsBigInteger();
        (value == (BigInteger.One << (7 * 300_000)) - 1).Should().BeTrue();
        CandidEncoder.EncodeOne(CandidType.Nat, CandidValue.Nat(value)).AsSpan().SequenceEqual(message).Should().BeTrue();

        var negative = -value - 1;
        var signed = CandidEncoder.EncodeOne(CandidType.Int, CandidValue.Int(negative));
        signed.Length.Should().Be(message.Length + 1, "-2^(7·300000) needs one group more than its magnitude, for the sign");
        (CandidDecoder.DecodeOne(signed, CandidType.Int).AsBigInteger() == negative).Should().BeTrue();
    }

    private static byte[] TextbookLeb(BigInteger value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            bytes.Add(value.IsZero ? b : (byte)(b | 0x80));
        }
        while (!value.IsZero);
        return [.. bytes];
    }

    private static byte[] TextbookSleb(BigInteger value)
    {
        var bytes = new List<byte>();
        while (true)
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            if ((value.IsZero && (b & 0x40) == 0) || (value == BigInteger.MinusOne && (b & 0x40) != 0))
            {
                bytes.Add(b);
                return [.. bytes];
            }

            bytes.Add((byte)(b | 0x80));
        }
    }
}
