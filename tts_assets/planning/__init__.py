"""Planning: from loaded content to the clips a run must make, deciding, writing nothing.

prepare    the content loaded, judged, voiced and planned: what every command starts from
plan       items → clips: each text's recipe and key, deduplication, new / present / stale
recipes    what a clip is made from: spoken, stretched (a twin), joined (a drill)
keys       content keys: the hash of what changes a clip's sound
sequences  drills planned: a joined clip of each drill's parts' clips
voices     the providers of a run and who speaks each language
speaking   what each new clip says, as the owner of what is said answers (readings.Saying)
decisions  what reviewers decided (accepted clips, retakes)
shard      one machine's share of the clips to make
heap       the garbage collector while the model of the content is built
referenced the clips content refers to (its URLs): what prune keeps, what verify calls unused
"""
