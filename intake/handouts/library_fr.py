"""The seeded exercises in French, keyed by slug: name, purpose, steps and precautions, the
steps and precautions one to one with the English of ``library.py``, in the same order (a test
checks it). ``library.ExerciseSpec.translations`` reads it and the seed writes it on the rows;
the templates' translations sit beside their English in ``library.py``. Written as
``docs/translations.md`` asks: plain words, never a diagnosis, *vous*, the glossary's words.
"""

from __future__ import annotations

EXERCISES: dict[str, dict[str, object]] = {
    "seated-figure-four": {
        "name": "Étirement en « 4 », assis",
        "purpose": (
            "Assouplit les muscles qui font tourner la hanche et l'arrière de l'articulation de la "
            "hanche, qui se raidissent quand on reste longtemps assis."
        ),
        "steps": (
            (
                "Asseyez-vous bien droit vers l'avant d'une chaise stable, les deux pieds à plat "
                "sur le sol."
            ),
            (
                "Levez un pied et posez la cheville juste au-dessus du genou opposé, pour que vos "
                "jambes forment un « 4 »."
            ),
            "Laissez le genou levé descendre doucement sur le côté.",
            (
                "En gardant le dos long, penchez la poitrine vers l'avant à partir des hanches "
                "jusqu'à sentir un étirement au fond de la fesse de la jambe croisée."
            ),
            "Respirez lentement pendant que vous tenez, puis redressez-vous et changez de côté.",
        ),
        "precautions": (
            (
                "Bougez lentement et restez dans une amplitude confortable : un étirement, jamais "
                "une douleur vive."
            ),
            (
                "Si vous avez une prothèse de hanche, demandez à votre chirurgien avant de croiser "
                "la jambe."
            ),
            "Arrêtez si vous avez mal au genou de la jambe croisée.",
        ),
    },
    "pelvic-tilt": {
        "name": "Bascule du bassin à partir du plancher pelvien",
        "purpose": (
            "Réveille les muscles profonds du ventre, en partant du plancher pelvien, pour "
            "soutenir et stabiliser le bas du dos."
        ),
        "steps": (
            (
                "Asseyez-vous bien droit sur une chaise, les pieds à plat (ou couchez-vous sur le "
                "dos, les genoux pliés)."
            ),
            (
                "Inspirez. En expirant, remontez doucement le plancher pelvien, comme pour arrêter "
                "le jet quand vous urinez."
            ),
            (
                "Laissez ce mouvement continuer dans le bas du ventre, en le rentrant doucement "
                "vers la colonne."
            ),
            (
                "Faites maintenant basculer légèrement le haut du bassin vers l'arrière, pour que "
                "le bas du dos s'aplatisse un peu."
            ),
            "Tenez en respirant normalement, puis relâchez et laissez le bassin revenir au milieu.",
        ),
        "precautions": (
            "Continuez de respirer tout le temps ; ne retenez pas votre souffle.",
            "Le mouvement est petit. Si le bas du dos vous fait plus mal, faites-le plus petit.",
        ),
    },
    "walking": {
        "name": "Marche quotidienne",
        "purpose": (
            "La marche fait bouger doucement les hanches et la colonne et vous garde actif : tout "
            "mouvement vaut mieux que pas de mouvement du tout."
        ),
        "steps": (
            "Portez des chaussures confortables qui tiennent bien le pied.",
            (
                "Marchez à un rythme facile sur un terrain plat, en laissant vos bras se balancer "
                "naturellement."
            ),
            (
                "Commencez par 5 à 10 minutes et ajoutez quelques minutes tous les quelques jours, "
                "selon votre confort."
            ),
            (
                "Si vous passez une partie de la journée assis, levez-vous et marchez une minute "
                "ou deux au moins toutes les 30 à 45 minutes."
            ),
        ),
        "precautions": (
            (
                "Choisissez des distances que vous pouvez faire ; un peu de fatigue est normal, "
                "une douleur qui augmente ne l'est pas."
            ),
            "Tout mouvement vaut mieux que rien : une petite marche compte.",
        ),
    },
    "knee-to-chest": {
        "name": "Étirement genou à la poitrine",
        "purpose": "Étire doucement le bas du dos et les muscles de l'arrière de la hanche.",
        "steps": (
            (
                "Couchez-vous sur le dos sur un lit ferme ou au sol, les genoux pliés et les pieds "
                "à plat."
            ),
            (
                "Amenez un genou vers la poitrine et tenez-le à deux mains, derrière la cuisse ou "
                "juste sous le genou."
            ),
            (
                "Tirez doucement jusqu'à sentir un étirement confortable dans le bas du dos et la "
                "fesse."
            ),
            "Tenez, puis reposez le pied lentement et changez de jambe.",
        ),
        "precautions": (
            (
                "Bougez lentement et restez dans une amplitude confortable : un étirement, jamais "
                "une douleur vive."
            ),
            "Si tirer sur le genou lui fait mal, tenez plutôt derrière la cuisse.",
        ),
    },
    "glute-bridge": {
        "name": "Pont fessier",
        "purpose": (
            "Renforce les fessiers et l'arrière des cuisses pour soutenir les hanches et le dos."
        ),
        "steps": (
            (
                "Couchez-vous sur le dos, genoux pliés, pieds à plat et écartés de la largeur des "
                "hanches, les bras le long du corps."
            ),
            "Serrez doucement le ventre (comme pour la bascule du bassin) et serrez les fesses.",
            (
                "Soulevez les hanches jusqu'à ce que votre corps forme une ligne droite des "
                "épaules aux genoux."
            ),
            "Tenez un court moment, puis redescendez lentement, une partie du dos à la fois.",
        ),
        "precautions": (
            (
                "Ne creusez pas le bas du dos en haut du mouvement : montez seulement aussi haut "
                "que c'est confortable."
            ),
            "Si vous sentez une crampe derrière les cuisses, rapprochez un peu les pieds.",
        ),
    },
    "cat-cow": {
        "name": "Chat–vache",
        "purpose": (
            "Fait bouger doucement toute la colonne, en l'arrondissant puis en la creusant, pour "
            "diminuer la raideur."
        ),
        "steps": (
            (
                "Mettez-vous à quatre pattes : les mains sous les épaules, les genoux sous les "
                "hanches."
            ),
            "En expirant, arrondissez le dos vers le plafond et laissez tomber la tête (le chat).",
            (
                "En inspirant, laissez le ventre descendre lentement et levez un peu le regard (la "
                "vache)."
            ),
            "Passez en douceur de l'un à l'autre, seulement aussi loin que c'est confortable.",
        ),
        "precautions": (
            "Mettez une serviette pliée sous vos genoux si être à genoux est inconfortable.",
            (
                "Creusez peu le dos si le fait de vous cambrer augmente ce que vous sentez dans "
                "les jambes."
            ),
        ),
    },
    "sciatic-nerve-glide": {
        "name": "Glissement de la jambe, assis",
        "purpose": (
            "Fait bouger doucement la fesse et l'arrière de la jambe, le genou, la cheville et la "
            "tête bougeant ensemble. C'est un mouvement doux, pas un étirement."
        ),
        "steps": (
            "Asseyez-vous bien droit sur une chaise, les mains posées sur le siège de chaque côté.",
            (
                "Tendez lentement un genou en ramenant les orteils vers vous et en levant un peu "
                "les yeux."
            ),
            (
                "Puis pliez de nouveau le genou en pointant les orteils vers l'avant et en "
                "baissant un peu les yeux."
            ),
            "Continuez d'aller et venir en douceur ; ne restez pas en fin de mouvement.",
        ),
        "precautions": (
            (
                "Vous devriez sentir au plus une légère tension. Si les picotements ou la douleur "
                "augmentent, faites un mouvement plus petit ou arrêtez."
            ),
            "Ne donnez jamais d'à-coups et ne forcez jamais pour tendre la jambe.",
        ),
    },
    "hamstring-stretch": {
        "name": "Étirement de l'arrière de la cuisse, assis",
        "purpose": "Allonge les muscles de l'arrière de la cuisse.",
        "steps": (
            "Asseyez-vous près du bord d'une chaise stable.",
            (
                "Allongez une jambe devant vous, le talon au sol et les orteils vers le haut ; "
                "gardez l'autre pied à plat."
            ),
            (
                "Le dos droit, penchez-vous vers l'avant à partir des hanches jusqu'à sentir un "
                "étirement à l'arrière de la cuisse."
            ),
            "Tenez en respirant lentement, puis redressez-vous et changez de jambe.",
        ),
        "precautions": (
            (
                "Bougez lentement et restez dans une amplitude confortable : un étirement, jamais "
                "une douleur vive."
            ),
            (
                "Si vous sentez des picotements dans la jambe, relâchez et gardez un étirement "
                "plus léger."
            ),
        ),
    },
    "lower-trunk-rotation": {
        "name": "Bascule des genoux, couché",
        "purpose": "Diminue la raideur du bas du dos par une petite torsion détendue.",
        "steps": (
            (
                "Couchez-vous sur le dos, les genoux pliés, les pieds à plat et les bras écartés "
                "sur les côtés."
            ),
            (
                "Les genoux ensemble et les épaules détendues au sol, laissez les deux genoux "
                "descendre lentement d'un côté."
            ),
            (
                "Allez seulement aussi loin que c'est confortable, puis ramenez-les par le milieu "
                "vers l'autre côté."
            ),
        ),
        "precautions": (
            (
                "Bougez lentement et restez dans une amplitude confortable : un étirement, jamais "
                "une douleur vive."
            ),
        ),
    },
    "neck-side-bend": {
        "name": "Étirement du cou sur le côté",
        "purpose": "Étire les muscles sur le côté du cou.",
        "steps": (
            "Asseyez-vous ou tenez-vous debout bien droit, les épaules détendues et basses.",
            (
                "Inclinez lentement la tête pour amener une oreille vers l'épaule du même côté, "
                "sans lever l'épaule."
            ),
            "Tenez là où vous sentez un léger étirement le long de l'autre côté du cou.",
            "Revenez au milieu et faites la même chose de l'autre côté.",
        ),
        "precautions": (
            (
                "Bougez lentement et restez dans une amplitude confortable : un étirement, jamais "
                "une douleur vive."
            ),
            (
                "Arrêtez si vous avez des étourdissements ou si des picotements descendent dans le "
                "bras."
            ),
        ),
    },
    "chin-tuck": {
        "name": "Rentrée du menton",
        "purpose": "Renforce les muscles profonds du cou qui tiennent la tête droite.",
        "steps": (
            "Asseyez-vous ou tenez-vous debout bien droit, en regardant droit devant.",
            (
                "Reculez le menton bien droit, comme pour faire un double menton, sans lever ni "
                "baisser la tête."
            ),
            "Tenez en sentant l'arrière du cou s'allonger, puis relâchez.",
        ),
        "precautions": (
            "Le mouvement est petit et à l'horizontale : gardez les yeux sur l'horizon.",
            (
                "Arrêtez si vous avez des étourdissements ou si ce que vous sentez dans les bras "
                "augmente."
            ),
        ),
    },
    "upper-trap-stretch": {
        "name": "Étirement du haut du trapèze",
        "purpose": "Étire le muscle entre le cou et le haut de l'épaule.",
        "steps": (
            (
                "Asseyez-vous bien droit et tenez le côté du siège d'une main pour garder cette "
                "épaule basse."
            ),
            (
                "Inclinez la tête du côté opposé à cette main et tournez un peu le nez vers "
                "l'autre aisselle."
            ),
            (
                "Posez votre main libre sur votre tête et laissez son poids ajouter un très léger "
                "étirement ; ne tirez pas."
            ),
            "Tenez, puis remontez lentement et changez de côté.",
        ),
        "precautions": (
            (
                "Bougez lentement et restez dans une amplitude confortable : un étirement, jamais "
                "une douleur vive."
            ),
            (
                "Arrêtez si vous avez des étourdissements ou si des picotements descendent dans le "
                "bras."
            ),
        ),
    },
    "shoulder-rolls": {
        "name": "Roulements d'épaules",
        "purpose": (
            "Assouplit les épaules et le haut du dos et relâche les tensions dues à la position "
            "assise."
        ),
        "steps": (
            "Asseyez-vous ou tenez-vous debout bien droit, les bras détendus le long du corps.",
            (
                "Montez les deux épaules vers les oreilles, tirez-les vers l'arrière, puis "
                "laissez-les redescendre."
            ),
            "Faites des cercles lents et réguliers ; après la série, tournez dans l'autre sens.",
        ),
        "precautions": (
            "Gardez des cercles sans douleur ; faites-les plus petits si l'épaule craque ou pince.",
        ),
    },
    "doorway-chest-stretch": {
        "name": "Étirement de la poitrine dans l'embrasure d'une porte",
        "purpose": "Ouvre la poitrine et l'avant des épaules.",
        "steps": (
            (
                "Placez-vous dans l'embrasure d'une porte et posez un avant-bras sur le cadre, le "
                "coude à hauteur d'épaule."
            ),
            (
                "Avancez lentement la jambe du même côté jusqu'à sentir un étirement en travers de "
                "la poitrine et de l'avant de l'épaule."
            ),
            "Gardez l'épaule basse et le dos droit ; tenez, puis reculez et changez de côté.",
        ),
        "precautions": (
            (
                "Bougez lentement et restez dans une amplitude confortable : un étirement, jamais "
                "une douleur vive."
            ),
            (
                "Si l'épaule s'est déjà déboîtée, ou si vous sentez des picotements jusque dans la "
                "main, baissez le coude ou ne faites pas cet étirement."
            ),
        ),
    },
    "shoulder-blade-squeeze": {
        "name": "Rapprochement des omoplates",
        "purpose": (
            "Renforce les muscles entre les omoplates qui tiennent les épaules vers l'arrière."
        ),
        "steps": (
            (
                "Asseyez-vous ou tenez-vous debout bien droit, les bras détendus, les coudes pliés "
                "le long du corps."
            ),
            (
                "Ramenez les omoplates vers l'arrière et un peu vers le bas, l'une vers l'autre, "
                "sans hausser les épaules."
            ),
            "Tenez, puis relâchez lentement.",
        ),
        "precautions": ("Gardez le cou détendu et le menton à l'horizontale.",),
    },
    "pendulum": {
        "name": "Pendule de l'épaule",
        "purpose": (
            "Permet à une épaule raide ou douloureuse de bouger doucement, en laissant la "
            "pesanteur faire le travail."
        ),
        "steps": (
            (
                "Tenez-vous debout à côté d'une table et penchez-vous vers l'avant, la main du bon "
                "côté posée dessus."
            ),
            "Laissez l'autre bras pendre droit vers le bas, complètement détendu.",
            (
                "Balancez doucement le corps pour que le bras qui pend fasse de petits cercles ; "
                "le bras lui-même reste relâché."
            ),
            "Après la série, tournez dans l'autre sens.",
        ),
        "precautions": (
            "Gardez des cercles petits et détendus.",
            "Après une opération à l'épaule, suivez d'abord les consignes de votre chirurgien.",
        ),
    },
}
