namespace MieCool.Thermal.LinearAlgebra;

/// <summary>Symmetric permutations of a sparse matrix: P A P^T, with the permutation given as the new index of every row.</summary>
public static class Ordering
{
    /// <summary>
    /// Reverse Cuthill-McKee ordering of the graph of the symmetric pattern of <paramref name="A"/> (Cuthill and McKee
    /// 1969; George and Liu, Computer Solution of Large Sparse Positive Definite Systems, 1981, sec. 4.3): breadth-first
    /// from a pseudo-peripheral node of every connected component, neighbours by increasing degree, the order reversed.
    /// Deterministic (ties broken by index). Returns the new index of every row.
    /// </summary>
    public static int[] ReverseCuthillMcKee(CsrMatrix A)
    {
        int n = A.Size;
        var rp = A.RowPointers; var ci = A.ColumnIndices;
        var degree = new int[n];
        for (int i = 0; i < n; i++) degree[i] = rp[i + 1] - rp[i];
        var order = new int[n];
        var visited = new bool[n];
        var level = new int[n];
        int count = 0;
        var neighbours = new List<int>();
        for (int seed = 0; seed < n; seed++)
        {
            if (visited[seed]) continue;
            int start = PseudoPeripheral(A, seed, level);
            visited[start] = true;
            order[count] = start;
            int head = count++;
            while (head < count)
            {
                int v = order[head++];
                neighbours.Clear();
                for (int k = rp[v]; k < rp[v + 1]; k++)
                {
                    int w = ci[k];
                    if (!visited[w]) { visited[w] = true; neighbours.Add(w); }
                }
                neighbours.Sort((a, b) => degree[a] != degree[b] ? degree[a].CompareTo(degree[b]) : a.CompareTo(b));
                foreach (int w in neighbours) order[count++] = w;
            }
        }
        var newIndex = new int[n];
        for (int k = 0; k < n; k++) newIndex[order[k]] = n - 1 - k;
        return newIndex;
    }

    /// <summary>
    /// A node of large eccentricity in the component of <paramref name="seed"/> (George and Liu 1979): repeated
    /// breadth-first searches from a node of least degree in the last level, while the number of levels grows.
    /// </summary>
    static int PseudoPeripheral(CsrMatrix A, int seed, int[] level)
    {
        var rp = A.RowPointers; var ci = A.ColumnIndices;
        int root = seed, depth = -1;
        var queue = new List<int>();
        while (true)
        {
            queue.Clear();
            queue.Add(root);
            level[root] = 1; // 0: unvisited in this search
            int last = 0;
            for (int h = 0; h < queue.Count; h++)
            {
                int v = queue[h];
                last = level[v];
                for (int k = rp[v]; k < rp[v + 1]; k++)
                {
                    int w = ci[k];
                    if (level[w] == 0) { level[w] = level[v] + 1; queue.Add(w); }
                }
            }
            int best = -1;
            foreach (int v in queue)
                if (level[v] == last && (best < 0 || Degree(v) < Degree(best) || (Degree(v) == Degree(best) && v < best))) best = v;
            foreach (int v in queue) level[v] = 0;
            if (last <= depth) return root;
            depth = last;
            root = best;
        }

        int Degree(int v) => rp[v + 1] - rp[v];
    }

    /// <summary>B = P A P^T for the permutation <paramref name="newIndex"/> (row i of A becomes row newIndex[i]), rows sorted.</summary>
    public static CsrMatrix Permute(CsrMatrix A, int[] newIndex)
    {
        int n = A.Size;
        var old = new int[n];
        for (int i = 0; i < n; i++) old[newIndex[i]] = i;
        var rp = new int[n + 1];
        for (int r = 0; r < n; r++) rp[r + 1] = rp[r] + A.RowPointers[old[r] + 1] - A.RowPointers[old[r]];
        var ci = new int[rp[n]]; var v = new double[rp[n]];
        Vectors.For(n, (b, e) =>
        {
            for (int r = b; r < e; r++)
            {
                int i = old[r], q = rp[r];
                for (int k = A.RowPointers[i]; k < A.RowPointers[i + 1]; k++, q++)
                {
                    ci[q] = newIndex[A.ColumnIndices[k]];
                    v[q] = A.Values[k];
                }
                Array.Sort(ci, v, rp[r], rp[r + 1] - rp[r]);
            }
        });
        return new CsrMatrix(n, rp, ci, v);
    }

    /// <summary>y[newIndex[i]] = x[i].</summary>
    public static double[] Forward(double[] x, int[] newIndex)
    {
        var y = new double[x.Length];
        for (int i = 0; i < x.Length; i++) y[newIndex[i]] = x[i];
        return y;
    }

    /// <summary>x[i] = y[newIndex[i]] (the inverse of <see cref="Forward"/>).</summary>
    public static double[] Backward(double[] y, int[] newIndex)
    {
        var x = new double[y.Length];
        for (int i = 0; i < y.Length; i++) x[i] = y[newIndex[i]];
        return x;
    }
}
