/*
 * fdt_enumerate: the C reference for dtcore's memory-map benchmark (docs/performance.md).
 *
 * Does with libfdt what `dtcore chunks` does with its own parser, by the same Linux rules (SPEC §1-§6,
 * generic rules with 4 KiB pages, as dtcore's default ScanOptions): fdt_check_full (dtcore validates
 * every blob fully while building its tree), root cells (Linux defaults 1/1), direct root children with
 * device_type "memory", status okay/ok, linux,usable-memory over reg, page alignment, /memreserve/,
 * /reserved-memory (cells + ranges acceptance, static and dynamic children), powerpc
 * ibm,dynamic-memory v1/v2 LMBs with NUMA lookup, RTAS/OPAL/reserved-ranges/TCE regions, /chosen
 * (usable-memory-range cap, elfcorehdr, initrd, crashkernel), then the chunks sorted and merged.
 *
 * usage: fdt_enumerate ITERATIONS WARMUP FILE...
 * Loads every file into memory, prints one summary line per file (counts that must equal the Java
 * harness's), runs WARMUP rounds, then times ITERATIONS rounds over all files and prints
 * "ns_per_round N".
 *
 * Build: gcc -O2 -o target/fdt_enumerate bench/fdt_enumerate.c -lfdt   (Debian: libfdt-dev)
 */
#include <libfdt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PAGE 4096ULL

struct chunk { uint64_t start, end; int numa; int hotplug; };

struct map {
	struct chunk *chunks; size_t nchunks, cap;
	size_t merged;            /* merged RAM ranges */
	uint64_t total;           /* merged RAM bytes */
	size_t reserved, dynamic; /* fixed reserved regions, dynamic reservations */
	int has_elfcorehdr, has_initrd, crashkernels;
};

static void add_chunk(struct map *m, uint64_t s, uint64_t e, int numa, int hotplug)
{
	if (m->nchunks == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 16;
		m->chunks = realloc(m->chunks, m->cap * sizeof *m->chunks);
		if (!m->chunks) { perror("realloc"); exit(1); }
	}
	m->chunks[m->nchunks++] = (struct chunk){ s, e, numa, hotplug };
}

static uint64_t cells(const fdt32_t *p, int n)
{
	uint64_t v = 0;
	while (n--)
		v = (v << 32) | fdt32_to_cpu(*p++);
	return v;
}

static int cellprop(const void *fdt, int node, const char *name, int dflt)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);
	return p && len == 4 ? (int)fdt32_to_cpu(*p) : dflt;
}

static int is_string(const void *fdt, int node, const char *name, const char *want)
{
	int len;
	const char *p = fdt_getprop(fdt, node, name, &len);
	return p && (size_t)len == strlen(want) + 1 && memcmp(p, want, len) == 0;
}

static int available(const void *fdt, int node)
{
	int len;
	const char *s = fdt_getprop(fdt, node, "status", &len);
	return !s || (len == 5 && !memcmp(s, "okay", 5)) || (len == 3 && !memcmp(s, "ok", 3));
}

static uint64_t native(const void *p, int len)
{
	return len == 8 ? fdt64_to_cpu(*(const fdt64_t *)p) : fdt32_to_cpu(*(const fdt32_t *)p);
}

/* SPEC §3.5, generic early_init_dt_add_memory_arch with 4 KiB pages */
static void admit(struct map *m, uint64_t base, uint64_t size, int numa, int hotplug)
{
	uint64_t in = base & (PAGE - 1);
	if (in) {
		if (size < PAGE - in)
			return;
		size -= PAGE - in;
		base += PAGE - in;
	}
	size &= ~(PAGE - 1);
	if (size)
		add_chunk(m, base, base + size - 1, numa, hotplug);
}

static void memory_nodes(const void *fdt, int ac, int sc, struct map *m)
{
	int node;
	fdt_for_each_subnode(node, fdt, 0) {
		if (!is_string(fdt, node, "device_type", "memory") || !available(fdt, node))
			continue;
		int len;
		const fdt32_t *reg = fdt_getprop(fdt, node, "linux,usable-memory", &len);
		if (!reg)
			reg = fdt_getprop(fdt, node, "reg", &len);
		if (!reg)
			continue;
		int numa = cellprop(fdt, node, "numa-node-id", -1);
		int hotplug = fdt_getprop(fdt, node, "hotpluggable", NULL) != NULL;
		int n = len / (4 * (ac + sc));
		for (int i = 0; i < n; i++, reg += ac + sc) {
			uint64_t size = cells(reg + ac, sc);
			if (size)
				admit(m, cells(reg, ac), size, numa, hotplug);
		}
	}
}

/* Contiguous LMBs with the same node and hotplug flag join into one chunk, as dtcore documents. */
static void add_lmb(struct map *m, size_t *last, uint64_t s, uint64_t e, int numa, int hotplug)
{
	if (*last != (size_t)-1 && *last == m->nchunks - 1) {
		struct chunk *c = &m->chunks[*last];
		if (c->numa == numa && c->hotplug == hotplug && c->end != UINT64_MAX && c->end + 1 == s) {
			c->end = e;
			return;
		}
	}
	add_chunk(m, s, e, numa, hotplug);
	*last = m->nchunks - 1;
}

static void dynamic_memory(const void *fdt, int ac, int sc, struct map *m)
{
	size_t last = (size_t)-1;
	int dr = fdt_path_offset(fdt, "/ibm,dynamic-reconfiguration-memory");
	if (dr < 0)
		return;
	int len;
	const fdt32_t *p = fdt_getprop(fdt, dr, "ibm,lmb-size", &len);
	if (!p || len < 4 * sc)
		return;
	uint64_t lmb = cells(p, sc);
	if (!lmb)
		return;
	/* NUMA: PAPR form 1 lookup (SPEC §4) */
	int lalen, rlen, rtas = fdt_path_offset(fdt, "/rtas");
	const fdt32_t *la = fdt_getprop(fdt, dr, "ibm,associativity-lookup-arrays", &lalen);
	const fdt32_t *ref = rtas < 0 ? NULL : fdt_getprop(fdt, rtas, "ibm,associativity-reference-points", &rlen);
	uint32_t acount = 0, awidth = 0, aidx = 0;
	if (la && ref && lalen >= 8 && rlen >= 4) {
		acount = fdt32_to_cpu(la[0]);
		awidth = fdt32_to_cpu(la[1]);
		aidx = fdt32_to_cpu(ref[0]);
		if (aidx == 0 || aidx > awidth || 2 + (uint64_t)acount * awidth > (uint64_t)lalen / 4)
			acount = 0;
	}
#define NUMA(aa) ((aa) < acount && fdt32_to_cpu(la[2 + (aa) * awidth + aidx - 1]) < 0xffff \
	? (int)fdt32_to_cpu(la[2 + (aa) * awidth + aidx - 1]) : -1)
#define RAM(flags) (((flags) & 0x8) && !((flags) & 0x80))
	const fdt32_t *v = fdt_getprop(fdt, dr, "ibm,dynamic-memory", &len);
	if (v) {
		uint32_t n = fdt32_to_cpu(v[0]);
		int ec = ac + 4;
		if ((uint64_t)n * ec + 1 > (uint64_t)len / 4)
			return;
		for (const fdt32_t *e = v + 1; n--; e += ec) {
			uint32_t flags = fdt32_to_cpu(e[ac + 3]);
			if (!RAM(flags))
				continue;
			uint64_t base = cells(e, ac);
			uint32_t aa = fdt32_to_cpu(e[ac + 2]);
			add_lmb(m, &last, base, base + lmb - 1, NUMA(aa), (flags & 0x100) != 0);
		}
		return;
	}
	v = fdt_getprop(fdt, dr, "ibm,dynamic-memory-v2", &len);
	if (!v)
		return;
	uint32_t sets = fdt32_to_cpu(v[0]);
	int sc2 = ac + 4;
	if ((uint64_t)sets * sc2 + 1 > (uint64_t)len / 4)
		return;
	for (const fdt32_t *e = v + 1; sets--; e += sc2) {
		uint32_t seq = fdt32_to_cpu(e[0]);
		uint32_t flags = fdt32_to_cpu(e[1 + ac + 2]);
		if (!seq || !RAM(flags))
			continue;
		uint64_t base = cells(e + 1, ac);
		uint32_t aa = fdt32_to_cpu(e[1 + ac + 1]);
		add_lmb(m, &last, base, base + seq * lmb - 1, NUMA(aa), (flags & 0x100) != 0);
	}
}

static void reserved(const void *fdt, int ac, int sc, struct map *m)
{
	int n = fdt_num_mem_rsv(fdt);
	for (int i = 0; i < n; i++) {
		uint64_t a, s;
		fdt_get_mem_rsv(fdt, i, &a, &s);
		m->reserved++;
	}
	int rm = fdt_subnode_offset(fdt, 0, "reserved-memory");
	if (rm >= 0 && cellprop(fdt, rm, "#address-cells", -1) == ac && cellprop(fdt, rm, "#size-cells", -1) == sc
	    && fdt_getprop(fdt, rm, "ranges", NULL)) {
		int child;
		fdt_for_each_subnode(child, fdt, rm) {
			if (!available(fdt, child))
				continue;
			int len;
			const fdt32_t *reg = fdt_getprop(fdt, child, "reg", &len);
			if (reg) {
				int t = 4 * (ac + sc);
				if (len % t)
					continue;
				for (int i = 0; i < len / t; i++)
					if (cells(reg + i * (ac + sc) + ac, sc))
						m->reserved++;
			} else if (fdt_getprop(fdt, child, "size", NULL)) {
				m->dynamic++;
			}
		}
	}
	/* powerpc firmware regions (SPEC §5) */
	int len1, len2;
	int rtas = fdt_subnode_offset(fdt, 0, "rtas");
	if (rtas >= 0) {
		const void *b = fdt_getprop(fdt, rtas, "linux,rtas-base", &len1);
		const void *s = fdt_getprop(fdt, rtas, "rtas-size", &len2);
		if (b && s && native(s, len2))
			m->reserved++;
	}
	int opal = fdt_subnode_offset(fdt, 0, "ibm,opal");
	if (opal >= 0) {
		const void *b = fdt_getprop(fdt, opal, "opal-base-address", &len1);
		const void *s = fdt_getprop(fdt, opal, "opal-runtime-size", &len2);
		if (b && s && native(s, len2))
			m->reserved++;
	}
	const fdt32_t *rr = fdt_getprop(fdt, 0, "reserved-ranges", &len1);
	for (int i = 0; rr && i < len1 / 16; i++)
		if (cells(rr + 4 * i + 2, 2))
			m->reserved++;
	for (int node = fdt_next_node(fdt, -1, NULL); node >= 0; node = fdt_next_node(fdt, node, NULL)) {
		const void *b = fdt_getprop(fdt, node, "linux,tce-base", &len1);
		const void *s = b ? fdt_getprop(fdt, node, "linux,tce-size", &len2) : NULL;
		if (b && s && native(s, len2))
			m->reserved++;
	}
}

static void chosen(const void *fdt, int ac, int sc, struct map *m)
{
	int ch = fdt_subnode_offset(fdt, 0, "chosen");
	if (ch < 0)
		return;
	int len;
	const fdt32_t *u = fdt_getprop(fdt, ch, "linux,usable-memory-range", &len);
	m->has_elfcorehdr = fdt_getprop(fdt, ch, "linux,elfcorehdr", NULL) != NULL;
	m->has_initrd = fdt_getprop(fdt, ch, "linux,initrd-start", NULL) && fdt_getprop(fdt, ch, "linux,initrd-end", NULL);
	const char *args = fdt_getprop(fdt, ch, "bootargs", NULL);
	if (fdt_getprop(fdt, ch, "linux,crashkernel-base", NULL) && fdt_getprop(fdt, ch, "linux,crashkernel-size", NULL))
		m->crashkernels++;
	else if (args && strstr(args, "crashkernel=") && strchr(strstr(args, "crashkernel="), '@'))
		m->crashkernels++;
	if (!u || len < 4 * (ac + sc))
		return;
	/* SPEC §6: a capture kernel caps RAM to the first range and adds the rest */
	uint64_t cs = cells(u, ac), ce = cs + cells(u + ac, sc) - 1;
	size_t k = 0;
	for (size_t i = 0; i < m->nchunks; i++) {
		struct chunk c = m->chunks[i];
		if (c.end < cs || c.start > ce)
			continue;
		c.start = c.start > cs ? c.start : cs;
		c.end = c.end < ce ? c.end : ce;
		m->chunks[k++] = c;
	}
	m->nchunks = k;
	for (int i = 1; i < len / (4 * (ac + sc)); i++) {
		const fdt32_t *t = u + i * (ac + sc);
		uint64_t s = cells(t + ac, sc);
		if (s)
			add_chunk(m, cells(t, ac), cells(t, ac) + s - 1, -1, 0);
	}
}

static int by_range(const void *a, const void *b)
{
	const struct chunk *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end < y->end ? -1 : x->end > y->end;
}

static int enumerate(const void *fdt, struct map *m)
{
	int err = fdt_check_full(fdt, fdt_totalsize(fdt));
	if (err)
		return err;
	int ac = cellprop(fdt, 0, "#address-cells", 1);
	int sc = cellprop(fdt, 0, "#size-cells", 1);
	memory_nodes(fdt, ac, sc, m);
	dynamic_memory(fdt, ac, sc, m);
	reserved(fdt, ac, sc, m);
	chosen(fdt, ac, sc, m);
	qsort(m->chunks, m->nchunks, sizeof *m->chunks, by_range);
	/* SPEC §3.7: merge touching or overlapping chunks */
	uint64_t s = 0, e = 0;
	for (size_t i = 0; i < m->nchunks; i++) {
		struct chunk c = m->chunks[i];
		if (i > 0 && (c.start <= e || (e != UINT64_MAX && c.start == e + 1))) {
			if (c.end > e)
				e = c.end;
			continue;
		}
		if (i > 0) {
			m->merged++;
			m->total += e - s + 1;
		}
		s = c.start;
		e = c.end;
	}
	if (m->nchunks) {
		m->merged++;
		m->total += e - s + 1;
	}
	return 0;
}

static char *load(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f) { perror(path); exit(2); }
	fseek(f, 0, SEEK_END);
	*size = ftell(f);
	rewind(f);
	char *buf = malloc(*size);
	if (!buf || fread(buf, 1, *size, f) != *size) { perror(path); exit(2); }
	fclose(f);
	return buf;
}

static uint64_t now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + t.tv_nsec;
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: %s ITERATIONS WARMUP FILE...\n", argv[0]);
		return 2;
	}
	long iterations = atol(argv[1]), warmup = atol(argv[2]);
	int files = argc - 3;
	char **blobs = calloc(files, sizeof *blobs);
	for (int i = 0; i < files; i++) {
		size_t size;
		blobs[i] = load(argv[i + 3], &size);
		struct map m = { 0 };
		int err = enumerate(blobs[i], &m);
		if (err) {
			fprintf(stderr, "%s: %s\n", argv[i + 3], fdt_strerror(err));
			return 2;
		}
		const char *name = strrchr(argv[i + 3], '/');
		printf("%s chunks=%zu memory=%zu total=0x%llx reserved=%zu dynamic=%zu\n", name ? name + 1 : argv[i + 3],
		       m.nchunks, m.merged, (unsigned long long)m.total, m.reserved, m.dynamic);
		free(m.chunks);
	}
	uint64_t sink = 0, start = 0;
	for (long r = 0; r < warmup + iterations; r++) {
		if (r == warmup)
			start = now_ns();
		for (int i = 0; i < files; i++) {
			struct map m = { 0 };
			enumerate(blobs[i], &m);
			sink += m.nchunks + m.total + m.reserved;
			free(m.chunks);
		}
	}
	uint64_t elapsed = now_ns() - start;
	printf("ns_per_round %.1f\n", (double)elapsed / (iterations ? iterations : 1));
	fprintf(stderr, "(sink %llu)\n", (unsigned long long)sink);
	return 0;
}
