"""The seeded exercises in Spanish, keyed by slug: name, purpose, steps and precautions, the
steps and precautions one to one with the English of ``library.py``, in the same order (a test
checks it). ``library.ExerciseSpec.translations`` reads it and the seed writes it on the rows;
the templates' translations sit beside their English in ``library.py``. Written as
``docs/translations.md`` asks: plain words, never a diagnosis, *usted*, the glossary's words.
"""

from __future__ import annotations

EXERCISES: dict[str, dict[str, object]] = {
    "seated-figure-four": {
        "name": "Estiramiento en «4», sentado",
        "purpose": (
            "Afloja los músculos que giran la cadera y la parte de atrás de la articulación de la "
            "cadera, que se tensan al estar mucho tiempo sentado."
        ),
        "steps": (
            (
                "Siéntese derecho cerca del borde delantero de una silla firme, con los dos pies "
                "apoyados en el suelo."
            ),
            (
                "Levante un pie y apoye ese tobillo justo encima de la rodilla contraria, de modo "
                "que sus piernas formen un «4»."
            ),
            "Deje que la rodilla levantada caiga suavemente hacia un lado.",
            (
                "Con la espalda larga, incline el pecho hacia delante desde las caderas hasta "
                "sentir un estiramiento en el fondo de la nalga de la pierna cruzada."
            ),
            "Respire despacio mientras mantiene la posición; luego enderécese y cambie de lado.",
        ),
        "precautions": (
            "Muévase despacio y quédese en un rango cómodo: un estiramiento, nunca un dolor agudo.",
            "Si tiene una prótesis de cadera, pregunte a su cirujano antes de cruzar la pierna.",
            "Deténgase si le duele la rodilla de la pierna cruzada.",
        ),
    },
    "pelvic-tilt": {
        "name": "Basculación de la pelvis desde el suelo pélvico",
        "purpose": (
            "Despierta los músculos profundos del abdomen, empezando por el suelo pélvico, para "
            "sostener y dar estabilidad a la parte baja de la espalda."
        ),
        "steps": (
            (
                "Siéntese derecho en una silla con los pies apoyados (o acuéstese boca arriba con "
                "las rodillas dobladas)."
            ),
            (
                "Tome aire. Al soltarlo, suba suavemente el suelo pélvico, como si cortara el "
                "chorro al orinar."
            ),
            (
                "Deje que ese movimiento siga hacia la parte baja del abdomen, metiéndolo "
                "suavemente hacia la columna."
            ),
            (
                "Ahora lleve un poco hacia atrás la parte de arriba de la pelvis, para que la "
                "parte baja de la espalda quede un poco más plana."
            ),
            (
                "Mantenga la posición respirando con normalidad; luego relájese y deje que la "
                "pelvis vuelva al centro."
            ),
        ),
        "precautions": (
            "Siga respirando todo el tiempo; no contenga la respiración.",
            (
                "El movimiento es pequeño. Si le duele más la parte baja de la espalda, hágalo más "
                "pequeño."
            ),
        ),
    },
    "walking": {
        "name": "Caminata diaria",
        "purpose": (
            "Caminar mueve suavemente las caderas y la columna y le mantiene activo: cualquier "
            "movimiento es mejor que ninguno."
        ),
        "steps": (
            "Use zapatos cómodos que sujeten bien el pie.",
            (
                "Camine a un paso tranquilo sobre suelo plano, dejando que los brazos se balanceen "
                "con naturalidad."
            ),
            (
                "Empiece con 5 a 10 minutos y añada unos minutos cada pocos días, según se sienta "
                "cómodo."
            ),
            (
                "Si pasa parte del día sentado, levántese y camine uno o dos minutos al menos cada "
                "30 a 45 minutos."
            ),
        ),
        "precautions": (
            (
                "Elija distancias que pueda hacer; algo de cansancio es normal, un dolor que va en "
                "aumento no lo es."
            ),
            "Cualquier movimiento es mejor que ninguno: una caminata corta cuenta.",
        ),
    },
    "knee-to-chest": {
        "name": "Estiramiento de rodilla al pecho",
        "purpose": (
            "Estira suavemente la parte baja de la espalda y los músculos de la parte de atrás de "
            "la cadera."
        ),
        "steps": (
            (
                "Acuéstese boca arriba en una cama firme o en el suelo, con las rodillas dobladas "
                "y los pies apoyados."
            ),
            (
                "Lleve una rodilla hacia el pecho y sujétela con las dos manos por detrás del "
                "muslo o justo debajo de la rodilla."
            ),
            (
                "Tire suavemente hasta sentir un estiramiento cómodo en la parte baja de la "
                "espalda y en la nalga."
            ),
            "Mantenga la posición; luego baje el pie despacio y cambie de pierna.",
        ),
        "precautions": (
            "Muévase despacio y quédese en un rango cómodo: un estiramiento, nunca un dolor agudo.",
            "Si le duele la rodilla al tirar de ella, sujete por detrás del muslo.",
        ),
    },
    "glute-bridge": {
        "name": "Puente de glúteos",
        "purpose": (
            "Fortalece los músculos de las nalgas y la parte de atrás de los muslos para sostener "
            "las caderas y la espalda."
        ),
        "steps": (
            (
                "Acuéstese boca arriba, con las rodillas dobladas, los pies apoyados y separados "
                "al ancho de las caderas, y los brazos a los lados."
            ),
            (
                "Apriete suavemente el abdomen (como en la basculación de la pelvis) y apriete las "
                "nalgas."
            ),
            (
                "Suba las caderas hasta que su cuerpo forme una línea recta de los hombros a las "
                "rodillas."
            ),
            "Mantenga un momento; luego baje despacio, una parte de la espalda cada vez.",
        ),
        "precautions": (
            "No arquee la parte baja de la espalda arriba: suba solo hasta donde esté cómodo.",
            "Si siente un calambre detrás de los muslos, acerque un poco los pies.",
        ),
    },
    "cat-cow": {
        "name": "Gato–vaca",
        "purpose": (
            "Mueve suavemente toda la columna, redondeándola y arqueándola, para aliviar la "
            "rigidez."
        ),
        "steps": (
            (
                "Póngase a cuatro patas: las manos debajo de los hombros, las rodillas debajo de "
                "las caderas."
            ),
            "Al soltar el aire, redondee la espalda hacia el techo y deje caer la cabeza (gato).",
            "Al tomar aire, deje que el abdomen baje despacio y levante un poco la mirada (vaca).",
            "Pase con suavidad de una posición a la otra, solo hasta donde esté cómodo.",
        ),
        "precautions": (
            "Ponga una toalla doblada debajo de las rodillas si le molesta estar de rodillas.",
            (
                "Arquee poco la espalda si al doblarse hacia atrás aumenta lo que siente en las "
                "piernas."
            ),
        ),
    },
    "sciatic-nerve-glide": {
        "name": "Deslizamiento de la pierna, sentado",
        "purpose": (
            "Mueve suavemente la nalga y la parte de atrás de la pierna, con la rodilla, el "
            "tobillo y la cabeza moviéndose a la vez. Es un movimiento suave, no un estiramiento."
        ),
        "steps": (
            "Siéntese derecho en una silla con las manos apoyadas en el asiento, a los lados.",
            (
                "Estire despacio una rodilla mientras lleva los dedos del pie hacia usted y mira "
                "un poco hacia arriba."
            ),
            (
                "Luego doble de nuevo la rodilla mientras apunta los dedos del pie hacia delante y "
                "mira un poco hacia abajo."
            ),
            "Siga moviéndose con suavidad de un lado a otro; no se quede en la posición final.",
        ),
        "precautions": (
            (
                "Como mucho debe sentir una tensión leve. Si el hormigueo o el dolor aumentan, "
                "haga el movimiento más pequeño o deténgase."
            ),
            "Nunca dé rebotes ni fuerce la pierna para estirarla.",
        ),
    },
    "hamstring-stretch": {
        "name": "Estiramiento de la parte de atrás del muslo, sentado",
        "purpose": "Alarga los músculos de la parte de atrás del muslo.",
        "steps": (
            "Siéntese cerca del borde de una silla firme.",
            (
                "Estire una pierna hacia delante, con el talón en el suelo y los dedos del pie "
                "hacia arriba; deje el otro pie apoyado."
            ),
            (
                "Con la espalda recta, inclínese hacia delante desde las caderas hasta sentir un "
                "estiramiento en la parte de atrás del muslo."
            ),
            "Mantenga la posición respirando despacio; luego enderécese y cambie de pierna.",
        ),
        "precautions": (
            "Muévase despacio y quédese en un rango cómodo: un estiramiento, nunca un dolor agudo.",
            "Si siente hormigueo por la pierna, afloje y haga un estiramiento más suave.",
        ),
    },
    "lower-trunk-rotation": {
        "name": "Balanceo de rodillas, acostado",
        "purpose": (
            "Alivia la rigidez de la parte baja de la espalda con un giro pequeño y relajado."
        ),
        "steps": (
            (
                "Acuéstese boca arriba con las rodillas dobladas, los pies apoyados y los brazos "
                "abiertos a los lados."
            ),
            (
                "Con las rodillas juntas y los hombros relajados en el suelo, deje que las dos "
                "rodillas bajen despacio hacia un lado."
            ),
            "Vaya solo hasta donde esté cómodo; luego tráigalas por el centro hacia el otro lado.",
        ),
        "precautions": (
            "Muévase despacio y quédese en un rango cómodo: un estiramiento, nunca un dolor agudo.",
        ),
    },
    "neck-side-bend": {
        "name": "Estiramiento lateral del cuello",
        "purpose": "Estira los músculos del costado del cuello.",
        "steps": (
            "Siéntese o póngase de pie derecho, con los hombros relajados y bajos.",
            (
                "Incline despacio la cabeza para acercar una oreja al hombro del mismo lado, sin "
                "subir el hombro."
            ),
            (
                "Mantenga la posición donde sienta un estiramiento suave a lo largo del otro lado "
                "del cuello."
            ),
            "Vuelva al centro y repita hacia el otro lado.",
        ),
        "precautions": (
            "Muévase despacio y quédese en un rango cómodo: un estiramiento, nunca un dolor agudo.",
            "Deténgase si se marea o si el hormigueo se extiende hacia el brazo.",
        ),
    },
    "chin-tuck": {
        "name": "Retracción del mentón",
        "purpose": "Fortalece los músculos profundos del cuello que sostienen la cabeza derecha.",
        "steps": (
            "Siéntese o póngase de pie derecho, mirando al frente.",
            (
                "Lleve el mentón recto hacia atrás, como si hiciera una papada, sin subir ni bajar "
                "la cabeza."
            ),
            (
                "Mantenga la posición sintiendo cómo se alarga la parte de atrás del cuello; luego "
                "relájese."
            ),
        ),
        "precautions": (
            "El movimiento es pequeño y horizontal: mantenga la vista en el horizonte.",
            "Deténgase si se marea o si aumenta lo que siente en los brazos.",
        ),
    },
    "upper-trap-stretch": {
        "name": "Estiramiento del trapecio superior",
        "purpose": "Estira el músculo que va del cuello a la parte de arriba del hombro.",
        "steps": (
            (
                "Siéntese derecho y sujete el lado del asiento con una mano para mantener ese "
                "hombro abajo."
            ),
            (
                "Incline la cabeza hacia el lado contrario a esa mano y gire un poco la nariz "
                "hacia la otra axila."
            ),
            (
                "Apoye la mano libre sobre la cabeza y deje que su peso añada un estiramiento muy "
                "ligero; no tire."
            ),
            "Mantenga la posición; luego vuelva despacio y cambie de lado.",
        ),
        "precautions": (
            "Muévase despacio y quédese en un rango cómodo: un estiramiento, nunca un dolor agudo.",
            "Deténgase si se marea o si el hormigueo se extiende hacia el brazo.",
        ),
    },
    "shoulder-rolls": {
        "name": "Círculos con los hombros",
        "purpose": (
            "Afloja los hombros y la parte alta de la espalda y alivia la tensión de estar sentado."
        ),
        "steps": (
            "Siéntese o póngase de pie derecho, con los brazos relajados a los lados.",
            "Suba los dos hombros hacia las orejas, llévelos hacia atrás y luego déjelos caer.",
            "Haga círculos lentos y suaves; después de la serie, gire hacia el otro lado.",
        ),
        "precautions": (
            (
                "Haga los círculos sin dolor; hágalos más pequeños si el hombro cruje o le da un "
                "pinchazo."
            ),
        ),
    },
    "doorway-chest-stretch": {
        "name": "Estiramiento del pecho en el marco de una puerta",
        "purpose": "Abre el pecho y la parte de delante de los hombros.",
        "steps": (
            (
                "Póngase en el marco de una puerta y apoye un antebrazo en el marco, con el codo a "
                "la altura del hombro."
            ),
            (
                "Dé un paso lento hacia delante con la pierna del mismo lado hasta sentir un "
                "estiramiento a lo ancho del pecho y la parte de delante del hombro."
            ),
            (
                "Mantenga el hombro abajo y la espalda recta; sostenga, luego dé un paso atrás y "
                "cambie de lado."
            ),
        ),
        "precautions": (
            "Muévase despacio y quédese en un rango cómodo: un estiramiento, nunca un dolor agudo.",
            (
                "Si el hombro se le ha salido alguna vez, o siente hormigueo hasta la mano, baje "
                "el codo o no haga este estiramiento."
            ),
        ),
    },
    "shoulder-blade-squeeze": {
        "name": "Juntar los omóplatos",
        "purpose": (
            "Fortalece los músculos entre los omóplatos que mantienen los hombros hacia atrás."
        ),
        "steps": (
            (
                "Siéntese o póngase de pie derecho, con los brazos relajados y los codos doblados "
                "a los lados."
            ),
            (
                "Lleve los omóplatos hacia atrás y un poco hacia abajo, uno hacia el otro, sin "
                "subir los hombros."
            ),
            "Mantenga la posición; luego relájese despacio.",
        ),
        "precautions": ("Mantenga el cuello relajado y el mentón horizontal.",),
    },
    "pendulum": {
        "name": "Péndulo del hombro",
        "purpose": (
            "Deja que un hombro rígido o dolorido se mueva con suavidad, con la gravedad haciendo "
            "el trabajo."
        ),
        "steps": (
            (
                "Póngase de pie junto a una mesa e inclínese hacia delante, apoyando en ella la "
                "mano del lado sano."
            ),
            "Deje colgar el otro brazo recto hacia abajo, totalmente relajado.",
            (
                "Balancee suavemente el cuerpo para que el brazo que cuelga haga círculos "
                "pequeños; el brazo se queda suelto."
            ),
            "Después de la serie, gire hacia el otro lado.",
        ),
        "precautions": (
            "Haga círculos pequeños y relajados.",
            "Después de una operación del hombro, siga primero las indicaciones de su cirujano.",
        ),
    },
}
