namespace IcOperator.Candid;

/// <summary>
/// Decides <c>t &lt;: u</c> as the specification defines it, coinductively: a pair met again while it is
/// being checked is assumed to hold, which is what makes recursive types work.
/// </summary>
internal sealed class Subtyping
{
    private readonly HashSet<(CandidType, CandidType)> assumed = [];
    private readonly Dictionary<(CandidType, CandidType), bool> known = [];

    public bool IsSubtype(CandidType t, CandidType u) => Check(t, u, 0);

    /// <summary>Why <paramref name="t"/> is not a subtype of <paramref name="u"/>, or null when it is.</summary>
    public string? Explain(CandidType t, CandidType u, string path) => Explain(t, u, path, 0);

    private string? Explain(CandidType t, CandidType u, string path, int depth)
    {
        if (depth > Nesting.Limit)
        {
            throw Nesting.TooDeep("types compared for subtyping");
        }

        if (Check(t, u, 0))
        {
            return null;
        }

        var rt = t.Resolved;
        var ru = u.Resolved;
        switch (rt, ru)
        {
            case (RecordType tr, RecordType ur):
                foreach (var f in ur.FieldArray)
                {
                    var tf = tr.Find(f.Id);
                    if (tf is null)
                    {
                        if (f.Type.AcceptsNull)
                        {
                            continue;
                        }

                        return $"{path}: field '{f.Label}' of type {f.Type} is required but missing";
                    }

                    if (Explain(tf.Type, f.Type, $"{path}.{f.Label}", depth + 1) is { } reason)
                    {
                        return reason;
                    }
                }

                break;
            case (VariantType tv, VariantType uv):
                foreach (var c in tv.CaseArray)
                {
                    var uc = uv.Find(c.Id);
                    if (uc is null)
                    {
                        return $"{path}: case '{c.Label}' is not accepted by the expected variant";
                    }

                    if (Explain(c.Type, uc.Type, $"{path}.{c.Label}", depth + 1) is { } reason)
                    {
                        return reason;
                    }
                }

                break;
            case (VecType tv, VecType uv):
                return Explain(tv.Element, uv.Element, $"{path}[]", depth + 1);
        }

        return $"{path}: {t} is not a subtype of {u}";
    }

    private bool Check(CandidType t, CandidType u, int depth)
    {
        if (depth > Nesting.Limit)
        {
            throw Nesting.TooDeep("types compared for subtyping");
        }

        t = t.Resolved;
        u = u.Resolved;
        if (ReferenceEquals(t, u) || u.Kind == CandidTypeKind.Reserved || t.Kind == CandidTypeKind.Empty)
        {
            return true;
        }

        // Every type is a subtype of an option: values that do not fit read as null.
        if (u.Kind == CandidTypeKind.Opt)
        {
            return true;
        }

        if (t is PrimitiveType || u is PrimitiveType)
        {
            return t.Kind == u.Kind
                || (t.Kind == CandidTypeKind.Nat && u.Kind == CandidTypeKind.Int)
                || (t.Kind == CandidTypeKind.Service && u.Kind == CandidTypeKind.Principal);
        }

        var key = (t, u);
        if (known.TryGetValue(key, out var result))
        {
            return result;
        }

        if (!assumed.Add(key))
        {
            return true;
        }

        result = Compound(t, u, depth + 1);
        assumed.Remove(key);
        if (!result || assumed.Count == 0)
        {
            // A true result that leaned on an open assumption is not final, so only cache it at the top.
            known[key] = result;
        }

        return result;
    }

    private bool Compound(CandidType t, CandidType u, int depth)
    {
        switch (t, u)
        {
            case (VecType tv, VecType uv):
                return Check(tv.Element, uv.Element, depth);
            case (RecordType tr, RecordType ur):
                foreach (var f in ur.FieldArray)
                {
                    var tf = tr.Find(f.Id);
                    if (tf is null ? !f.Type.AcceptsNull : !Check(tf.Type, f.Type, depth))
                    {
                        return false;
                    }
                }

                return true;
            case (VariantType tv, VariantType uv):
                foreach (var c in tv.CaseArray)
                {
                    var uc = uv.Find(c.Id);
                    if (uc is null || !Check(c.Type, uc.Type, depth))
                    {
                        return false;
                    }
                }

                return true;
            case (FuncType tf, FuncType uf):
                return Func(tf, uf, depth);
            case (ServiceType ts, ServiceType us):
                foreach (var m in us.Methods)
                {
                    var tm = ts.Find(m.Name);
                    if (tm is null || !Check(tm.Type, m.Type, depth))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    private bool Func(FuncType t, FuncType u, int depth)
    {
        if (!t.Modes.SequenceEqual(u.Modes))
        {
            return false;
        }

        // Arguments are contravariant: the expected function's arguments must fit the actual one's.
        if (!TupleSubtype(u.Arguments, t.Arguments, depth))
        {
            return false;
        }

        return TupleSubtype(t.Results, u.Results, depth);
    }

    /// <summary><c>record { sub… } &lt;: record { super… }</c> with positional fields.</summary>
    private bool TupleSubtype(IReadOnlyList<CandidType> sub, IReadOnlyList<CandidType> super, int depth)
    {
        for (var i = 0; i < super.Count; i++)
        {
            if (i < sub.Count ? !Check(sub[i], super[i], depth) : !super[i].AcceptsNull)
            {
                return false;
            }
        }

        return true;
    }
}
