"""Runs the upstream harness (/work/research/slug_vectors_upstream.py: KubeSpawner 7.0.0's real
_expand_user_properties + slugs.py) and escapism's escape() exactly as naas/runner/proxy.py calls it."""
import sys, json, string
sys.path.insert(0, "/work/research"); sys.path.insert(0, "/tmp/slugtest")
import slug_vectors_upstream as up
import escapism
def runner(name):
    return escapism.escape(name, safe=set(string.ascii_letters + string.digits), escape_char="-")
names = ["jane", "jane.doe", "jane-doe", "jane_doe", "partner_etl", "partneretl", "Jane", "JANE", "1user", "u1",
         "a", "z9", "user@example.com", "émilie", "jürgen", "日本", "jane doe", " jane", "jane ", "-jane", "jane-",
         "x--y", "jane-doe-2", "a-b-c", "a" * 45, "a" * 46, "a" * 47, "a" * 48, "a" * 49, "a" * 63, "a" * 64,
         "j" + "0" * 45, "j" + "0" * 46, "ab-" * 15 + "a", "9", "_", "user/x", "user..x", "a.", "ab1c2d3"]
for n in names:
    print(json.dumps({"name": n, "len": len(n), **up.run(n), "runner escape_kubernet": runner(n)}, ensure_ascii=False))
