import json, re, collections, sys, os
EXPECT={'safe-but-scary.jsonl':(200,0),'clearly-harmful.jsonl':(200,200),'moderation-mix.jsonl':(400,160)}
D=os.path.dirname(os.path.abspath(__file__))+'/'
VALID={f"S{i}" for i in range(1,15)}
norm=lambda s: re.sub(r'[^a-z0-9 ]','',re.sub(r'\s+',' ',s.lower())).strip()
allnorm=collections.Counter(); ok=True
for name in ['safe-but-scary.jsonl','clearly-harmful.jsonl','moderation-mix.jsonl']:
    rows=[]
    for i,l in enumerate(open(D+name,encoding='utf-8'),1):
        r=json.loads(l)
        assert set(r)=={'text','label','category'}, (name,i)
        assert r['label'] in (0,1) and isinstance(r['text'],str)
        assert (r['label']==0 and r['category'] is None) or (r['label']==1 and r['category'] in VALID), (name,i,r)
        rows.append(r)
    wc=[len(r['text'].split()) for r in rows]
    bad=[(w,r['text']) for w,r in zip(wc,rows) if not 4<=w<=80]
    labels=collections.Counter(r['label'] for r in rows)
    cats=collections.Counter(r['category'] for r in rows if r['category'])
    exact=len(rows)-len({r['text'] for r in rows})
    for r in rows: allnorm[norm(r['text'])]+=1
    assert not bad and not exact, (name, bad)
    assert (len(rows), labels[1]) == EXPECT[name], (name, len(rows), labels[1])
    print(name, len(rows), dict(labels), 'words min/max/mean', min(wc), max(wc), round(sum(wc)/len(wc),1), 'exact dups', exact, 'out-of-range', bad)
    print('  categories', dict(sorted(cats.items(), key=lambda kv:int(kv[0][1:]))))
dups=[k for k,v in allnorm.items() if v>1]
print('normalized duplicates across all files:', dups)
# near-duplicate check: token Jaccard >= 0.7
items=list(allnorm)
toks=[set(t.split()) for t in items]
near=[(items[i],items[j]) for i in range(len(items)) for j in range(i+1,len(items)) if len(toks[i]|toks[j]) and len(toks[i]&toks[j])/len(toks[i]|toks[j])>=0.7]
print('near duplicates (jaccard>=0.7):', near)
# overlap with policy examples
pol=open(os.path.join(D,'../../conf/policies/default.yaml'),encoding='utf-8').read()
ex={norm(m) for m in re.findall(r'^\s+- (?!regex|literal)(.+)$',pol,re.M)}
print('exact overlap with policy examples:', [k for k in allnorm if k in ex])
assert not dups and not near, 'duplicates found'
print('OK')
