using System.Numerics;
using System.Text;

namespace IcOperator.Candid.Tests.Did;

/// <summary>Random values of a type, for round trips: every case of a variant and every size of number turns up.</summary>
internal sealed class ValueGenerator(int seed)
{
    private readonly Random random = new(seed);

    public CandidValue Of(CandidType type, int depth = 0)
    {
        type = type.Resolved;
        var shallow = depth > 6;
        switch (type)
        {
            case OptType opt:
                return shallow || random.Next(3) == 0 ? CandidValue.None : CandidValue.Some(Of(opt.Inner, depth + 1));
            case VecType { IsBlob: true }:
                return CandidValue.Blob(Bytes(random.Next(0, 40)));
            case VecType vec:
                return CandidValue.Vec(Enumerable.Range(0, shallow ? 0 : random.Next(0, 4)).Select(_ => Of(vec.Element, depth + 1)).ToList());
            case RecordType record:
                return CandidValue.Record(record.Fields.Select(f => new CandidFieldValue(f.Id, Of(f.Type, depth + 1))));
            case VariantType variant:
                // Deep down, prefer cases without a payload so recursive variants end.
                var cases = shallow && variant.Cases.Any(c => c.Type.Resolved.Kind == CandidTypeKind.Null)
                    ? variant.Cases.Where(c => c.Type.Resolved.Kind == CandidTypeKind.Null).ToList()
                    : variant.Cases.ToList();
                var chosen = cases[random.Next(cases.Count)];
                return CandidValue.Variant(chosen.Id, Of(chosen.Type, depth + 1));
            case FuncType:
                return CandidValue.Func(Principal(), "method_" + random.Next(100));
            case ServiceType:
                return CandidValue.ServiceReference(Principal());
        }

        return type.Kind switch
        {
            CandidTypeKind.Null => CandidValue.Null,
            CandidTypeKind.Reserved => CandidValue.Reserved,
            CandidTypeKind.Bool => CandidValue.Bool(random.Next(2) == 0),
            CandidTypeKind.Nat => CandidValue.Nat(Big(false)),
            CandidTypeKind.Int => CandidValue.Int(Big(true)),
            CandidTypeKind.Nat8 => CandidValue.Nat8((byte)random.Next(256)),
            CandidTypeKind.Nat16 => CandidValue.Nat16((ushort)random.Next(65536)),
            CandidTypeKind.Nat32 => CandidValue.Nat32((uint)random.NextInt64(0, 1L << 32)),
            CandidTypeKind.Nat64 => CandidValue.Nat64((ulong)random.NextInt64() * 2 + (ulong)random.Next(2)),
            CandidTypeKind.Int8 => CandidValue.Int8((sbyte)random.Next(-128, 128)),
            CandidTypeKind.Int16 => CandidValue.Int16((short)random.Next(-32768, 32768)),
            CandidTypeKind.Int32 => CandidValue.Int32(random.Next(int.MinValue, int.MaxValue)),
            CandidTypeKind.Int64 => CandidValue.Int64(random.NextInt64(long.MinValue, long.MaxValue)),
            CandidTypeKind.Float32 => CandidValue.Float32((float)((random.NextDouble() - 0.5) * 1e6)),
            CandidTypeKind.Float64 => CandidValue.Float64((random.NextDouble() - 0.5) * 1e300),
            CandidTypeKind.Text => CandidValue.Text(Text()),
            CandidTypeKind.Principal => CandidValue.Principal(Principal()),
            _ => throw new InvalidOperationException($"no values of {type}"),
        };
    }

    private BigInteger Big(bool signed)
    {
        var value = new BigInteger(Bytes(random.Next(1, 20)), isUnsigned: true);
        return signed && random.Next(2) == 0 ? -value : value;
    }

    private byte[] Bytes(int n)
    {
        var bytes = new byte[n];
        random.NextBytes(bytes);
        return bytes;
    }

    private Principal Principal() => IcOperator.Candid.Principal.FromBytes(Bytes(random.Next(0, 30)));

    private string Text()
    {
        var sb = new StringBuilder();
        string[] pieces = ["a", "Z", " ", "\"", "\\", "\n", "☃", "🐂", "é", "\t", "0"];
        for (var i = random.Next(0, 12); i > 0; i--)
        {
            sb.Append(pieces[random.Next(pieces.Length)]);
        }

        return sb.ToString();
    }
}
