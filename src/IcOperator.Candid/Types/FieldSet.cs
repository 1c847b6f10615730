namespace IcOperator.Candid;

/// <summary>Sorted field arrays shared by records and variants.</summary>
internal static class FieldSet
{
    public static CandidField[] Sorted(IEnumerable<CandidField> fields, string what)
    {
        var array = fields.ToArray();
        Array.Sort(array, (a, b) => a.Id.CompareTo(b.Id));
        for (var i = 1; i < array.Length; i++)
        {
            if (array[i].Id == array[i - 1].Id)
            {
                throw new CandidException($"{what} has two fields with id {array[i].Id} ('{array[i - 1].Label}' and '{array[i].Label}')");
            }
        }

        return array;
    }

    public static int IndexOf(CandidField[] fields, uint id)
    {
        int lo = 0, hi = fields.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var at = fields[mid].Id;
            if (at == id)
            {
                return mid;
            }

            if (at < id)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }

    public static CandidField? Find(CandidField[] fields, uint id)
    {
        var i = IndexOf(fields, id);
        return i < 0 ? null : fields[i];
    }
}
