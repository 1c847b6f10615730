using IcOperator.Agent.Management;
using IcOperator.Candid;

namespace IcOperator.Agent.Tests.Management;

public class UploadChunkArgumentTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        // The management canister (no bytes), a canister id, the anonymous principal and a self-authenticating one (29 bytes).
        var selfAuthenticating = Principal.SelfAuthenticating(Enumerable.Range(0, 44).Select(i => (byte)i).ToArray()).ToString();
        foreach (var canister in new[] { "aaaaa-aa", "rrkah-fqaaa-aaaaa-aaaaq-cai", "2vxsx-fae", selfAuthenticating })
        {
            foreach (var length in new[] { 0, 1, 127, 128, 16_383, 16_384, 1_048_576 })
            {
                data.Add(canister, length);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_argument_is_what_the_Candid_serializer_writes_for_the_record(string canister, int length)
    {
        var id = Principal.Parse(canister);
        var chunk = new byte[length];
        new Random(length).NextBytes(chunk);

        var argument = UploadChunkArgument.Encode(id, chunk);

        argument.Should().Equal(CandidSerializer.Encode(new UploadChunkArgs(id, chunk)));
        var decoded = CandidSerializer.Decode<UploadChunkArgs>(argument);
        decoded.CanisterId.Should().Be(id);
        decoded.Chunk.Should().Equal(chunk);
    }
}
