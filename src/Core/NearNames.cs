namespace MieCool.Core;

/// <summary>
/// "Did you mean ...?" suggestions for misspelt options, commands, case-file keys and material names:
/// candidates ranked by Levenshtein edit distance (case-insensitive), allowing about one edit per three
/// characters, or containing the word outright.
/// </summary>
public static class NearNames
{
    /// <summary>The best suggestion for <paramref name="word"/>, or null when nothing is near.</summary>
    public static string? Nearest(string word, IEnumerable<string> candidates, int maxDistance = 3) =>
        Ranked(word, candidates, maxDistance).FirstOrDefault();

    /// <summary>Every near candidate, nearest first.</summary>
    public static IEnumerable<string> Ranked(string word, IEnumerable<string> candidates, int maxDistance = 3)
    {
        var w = word.ToLowerInvariant();
        return candidates.Select(c => (c, d: Distance(w, c.ToLowerInvariant())))
                         .Where(t => t.d <= Math.Max(maxDistance, t.c.Length / 3)
                                     || (w.Length > 0 && t.c.Contains(word, StringComparison.OrdinalIgnoreCase)))
                         .OrderBy(t => t.d).Select(t => t.c);
    }

    /// <summary>Levenshtein edit distance (insertions, deletions, substitutions).</summary>
    public static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1]; var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
